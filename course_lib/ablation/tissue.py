"""Liver and blood as the Pennes bioheat equation sees them, with the values from the data file.

Pennes (1948): ρc ∂T/∂t = ∇·(k∇T) + ω ρ_b c_b (T_body − T) + Q. The last-but-one term is the
blood flowing through the tissue, which pulls every point back towards body temperature.
Frozen liver (cryoablation) conducts heat better, stores less, and gives off latent heat
while it freezes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from functools import cache

import numpy as np

from .model_data import quantity


@dataclass(frozen=True)
class Tissue:
    """Thermal properties of liver (SI units; temperatures in °C)."""

    conductivity: float            # W/m/K
    density: float                 # kg/m³
    specific_heat: float           # J/kg/K
    perfusion: float               # 1/s, volume of blood per volume of tissue per second
    blood_density: float           # kg/m³
    blood_specific_heat: float     # J/kg/K
    body_temperature: float        # °C
    frozen_conductivity: float     # W/m/K
    frozen_specific_heat: float    # J/kg/K
    latent_heat: float             # J/kg
    freezing_starts: float         # °C, warm end of the freezing range
    freezing_complete: float       # °C, cold end of the freezing range

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ValueError(f"{item.name}: {value!r} is not a finite number")
        positive = ("conductivity", "density", "specific_heat", "blood_density", "blood_specific_heat",
                    "frozen_conductivity", "frozen_specific_heat")
        for name in positive:
            if getattr(self, name) <= 0:
                raise ValueError(f"{name}: {getattr(self, name)!r} must be greater than 0")
        for name in ("perfusion", "latent_heat"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name}: {getattr(self, name)!r} must be 0 or more")
        if not 30 <= self.body_temperature <= 42:
            raise ValueError(f"body_temperature: {self.body_temperature!r} is outside 30 to 42 °C")
        if not self.freezing_complete < self.freezing_starts < self.body_temperature:
            raise ValueError(f"freezing_complete ({self.freezing_complete!r} °C) must be below "
                             f"freezing_starts ({self.freezing_starts!r} °C), which must be below "
                             f"body temperature")

    @property
    def heat_capacity(self) -> float:
        """Volumetric heat capacity ρc of living liver, J/m³/K."""
        return self.density * self.specific_heat

    @property
    def diffusivity(self) -> float:
        """Thermal diffusivity α = k/(ρc), m²/s."""
        return self.conductivity / self.heat_capacity

    @property
    def perfusion_coefficient(self) -> float:
        """ω ρ_b c_b, W/m³/K: heat carried away per degree above body temperature."""
        return self.perfusion * self.blood_density * self.blood_specific_heat

    @property
    def perfusion_rate(self) -> float:
        """β = ω ρ_b c_b / (ρc), 1/s: how fast blood flow pulls tissue back to body temperature."""
        return self.perfusion_coefficient / self.heat_capacity

    @property
    def perfusion_length(self) -> float:
        """L = √(α/β), m: how far heat spreads before blood flow carries it away."""
        if self.perfusion == 0:
            return math.inf
        return math.sqrt(self.diffusivity / self.perfusion_rate)

    @property
    def frozen_heat_capacity(self) -> float:
        return self.density * self.frozen_specific_heat

    @property
    def freezing_heat_capacity(self) -> float:
        """Apparent volumetric heat capacity inside the freezing range (latent heat spread evenly)."""
        band = self.freezing_starts - self.freezing_complete
        mean = 0.5 * (self.heat_capacity + self.frozen_heat_capacity)
        return mean + self.density * self.latent_heat / band


@cache
def liver() -> Tissue:
    """Human liver with the parameters of data/ablation_model.yaml."""
    return Tissue(
        conductivity=quantity("liver_conductivity"), density=quantity("liver_density"),
        specific_heat=quantity("liver_specific_heat"), perfusion=quantity("liver_perfusion"),
        blood_density=quantity("blood_density"), blood_specific_heat=quantity("blood_specific_heat"),
        body_temperature=quantity("body_temperature"),
        frozen_conductivity=quantity("frozen_liver_conductivity"),
        frozen_specific_heat=quantity("frozen_liver_specific_heat"),
        latent_heat=quantity("liver_latent_heat"),
        freezing_starts=quantity("freezing_starts"), freezing_complete=quantity("freezing_complete"))


class PhaseChange:
    """Heat capacity, conductivity and enthalpy of liver through the freezing range.

    Simplification: the latent heat is spread evenly over the freezing range (an "apparent
    heat capacity"), and conductivity changes linearly across it. Enthalpy H(T) (J/m³, zero
    at the cold end of the range) is then piecewise linear, so it can be turned back into a
    temperature exactly.
    """

    COLDEST, HOTTEST = -273.15, 1000.0  # ends of the tabulated curves (°C)

    def __init__(self, tissue: Tissue):
        cold, warm = tissue.freezing_complete, tissue.freezing_starts
        self.cold, self.warm = cold, warm
        self.frozen_c, self.band_c = tissue.frozen_heat_capacity, tissue.freezing_heat_capacity
        self.living_c = tissue.heat_capacity
        band_top = self.band_c * (warm - cold)
        self._temperatures = np.array([self.COLDEST, cold, warm, self.HOTTEST])
        self._enthalpies = np.array([self.frozen_c * (self.COLDEST - cold), 0.0, band_top,
                                     band_top + self.living_c * (self.HOTTEST - warm)])
        self._conductivities = np.array([tissue.frozen_conductivity, tissue.conductivity])

    # The curves have two corners (the ends of the freezing range), so they are evaluated with a
    # few whole-array operations instead of a table look-up (np.interp), which is slower here.
    def capacity(self, temperature):
        """Apparent volumetric heat capacity, J/m³/K."""
        return np.where(temperature > self.warm, self.living_c,
                        np.where(temperature > self.cold, self.band_c, self.frozen_c))

    def conductivity(self, temperature):
        k_frozen, k_living = self._conductivities
        share = np.array(temperature, dtype=float)
        np.clip(share, self.cold, self.warm, out=share)
        share -= self.cold
        share *= (k_living - k_frozen) / (self.warm - self.cold)
        share += k_frozen
        return share[()]

    def enthalpy(self, temperature):
        x = np.array(temperature, dtype=float)
        np.clip(x, self.COLDEST, self.HOTTEST, out=x)
        x -= self.cold
        band = self.warm - self.cold
        out = np.minimum(x, 0.0)
        out *= self.frozen_c - self.band_c
        out += self.band_c * x
        x -= band
        np.maximum(x, 0.0, out=x)
        x *= self.living_c - self.band_c
        out += x
        return out[()]

    def temperature(self, enthalpy):
        top = self._enthalpies[2]
        h = np.array(enthalpy, dtype=float)
        np.clip(h, self._enthalpies[0], self._enthalpies[-1], out=h)
        out = h * (1.0 / self.band_c)
        low = np.minimum(h, 0.0)
        low *= 1.0 / self.frozen_c - 1.0 / self.band_c
        out += low
        h -= top
        np.maximum(h, 0.0, out=h)
        h *= 1.0 / self.living_c - 1.0 / self.band_c
        out += h
        out += self.cold
        return out[()]
