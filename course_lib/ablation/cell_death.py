"""When heat or cold kills liver cells: Arrhenius damage, thermal dose (CEM43) and lethal cold.

* Arrhenius damage Ω = ∫ A·exp(−Ea/(R·T)) dt (T in kelvin). The surviving fraction of cells
  is e^(−Ω): Ω = 1 means 63 % dead, Ω = 4.6 means 99 % dead. Counted only above 43 °C (see
  the data file for why).
* Thermal dose CEM43 = Σ Δt·R^(43 − T), in equivalent minutes at 43 °C, with R = 0.5 at or
  above 43 °C and 0.25 below (Sapareto & Dewey 1984). 240 minutes is taken as lethal.
* Cold: a cell dies if the lowest temperature it reaches is at or below the lethal
  temperature (−20 to −40 °C). This ignores cooling and thawing rates and repeat cycles.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np

from .model_data import CellDeathModel, cell_death_models, check_number, quantity

GAS_CONSTANT = 8.314462618  # J/mol/K
ABSOLUTE_ZERO_C = -273.15


def _temperature(field: str, value: object) -> float:
    return check_number(field, value, -273.0, 1000.0, "°C")


@dataclass(frozen=True)
class Arrhenius:
    """First-order Arrhenius damage with frequency factor A (1/s) and activation energy Ea (J/mol)."""

    frequency_factor: float
    activation_energy: float
    counted_from: float  # °C; below this no damage is added

    def __post_init__(self) -> None:
        check_number("frequency_factor", self.frequency_factor, 1e-300, 1e300, "1/s")
        check_number("activation_energy", self.activation_energy, 1.0, 1e7, "J/mol")
        _temperature("counted_from", self.counted_from)

    def rate(self, temperature_c: np.ndarray | float) -> np.ndarray:
        """dΩ/dt in 1/s at each temperature (°C); zero below ``counted_from``."""
        temperature = np.asarray(temperature_c, dtype=float)
        out = np.zeros(temperature.shape)
        hot = temperature >= self.counted_from
        out[hot] = np.exp(math.log(self.frequency_factor)
                          - self.activation_energy / (GAS_CONSTANT * (temperature[hot] - ABSOLUTE_ZERO_C)))
        return out

    def time_to(self, damage: float, temperature_c: float) -> float:
        """Seconds at a constant temperature until the damage reaches ``damage`` (inf if never)."""
        damage = check_number("damage", damage, 0.0, 1e6)
        rate = float(self.rate(_temperature("temperature_c", temperature_c)))
        return damage / rate if rate > 0 else math.inf


@dataclass(frozen=True)
class ThermalDose:
    """Cumulative equivalent minutes at 43 °C (CEM43)."""

    reference: float = 43.0
    factor_above: float = 0.5
    factor_below: float = 0.25

    def __post_init__(self) -> None:
        _temperature("reference", self.reference)
        check_number("factor_above", self.factor_above, 1e-3, 0.999)
        check_number("factor_below", self.factor_below, 1e-3, 0.999)

    def rate(self, temperature_c: np.ndarray | float) -> np.ndarray:
        """Equivalent minutes at 43 °C gained per second at each temperature (°C)."""
        temperature = np.asarray(temperature_c, dtype=float)
        log_factor = np.where(temperature >= self.reference, math.log(self.factor_above),
                              math.log(self.factor_below))
        return np.exp((self.reference - temperature) * log_factor) / 60.0

    def time_to(self, minutes: float, temperature_c: float) -> float:
        """Seconds at a constant temperature until the dose reaches ``minutes`` CEM43."""
        minutes = check_number("minutes", minutes, 0.0, 1e9, "min")
        return minutes / float(self.rate(_temperature("temperature_c", temperature_c)))


@cache
def arrhenius() -> Arrhenius:
    return Arrhenius(quantity("arrhenius_frequency_factor"), quantity("arrhenius_activation_energy"),
                     quantity("arrhenius_counted_from"))


@cache
def thermal_dose() -> ThermalDose:
    return ThermalDose(quantity("cem43_reference_temperature"), quantity("cem43_factor_above"),
                       quantity("cem43_factor_below"))


def perfusion_stops_at() -> float:
    """Arrhenius damage at which blood flow through the tissue stops."""
    return quantity("perfusion_stops_at_damage")


def heat_death_model(model_id: str) -> CellDeathModel:
    models = cell_death_models()
    if model_id not in models:
        raise ValueError(f"cell_death: {model_id!r} is not one of {sorted(models)}")
    return models[model_id]


def heat_kill_fraction(model: CellDeathModel, omega: np.ndarray, cem43: np.ndarray | None) -> np.ndarray:
    """log(measure / threshold): 0 or more where the chosen model counts the tissue as dead.

    A logarithm, so that the ablation-zone edge can be found between grid points by linear
    interpolation of a smooth field.
    """
    measure = omega if model.kind == "arrhenius" else cem43
    if measure is None:
        raise ValueError(f"cell_death: the {model.id!r} model needs the thermal dose, which was not recorded")
    return np.log(np.maximum(measure, 1e-30) / model.threshold)


def cold_kill_fraction(lowest_temperature_c: np.ndarray, lethal_c: float) -> np.ndarray:
    """Degrees below the lethal temperature reached (0 or more where the cold killed the cells)."""
    lethal_c = _temperature("lethal_c", lethal_c)
    return lethal_c - np.asarray(lowest_temperature_c, dtype=float)
