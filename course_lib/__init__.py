"""Helper library for the liver metastases course.

The model (rules, scoring, physics) lives in plain functions; the views (ipywidgets,
matplotlib) are thin layers on top. Clinical content lives in ``data/`` as YAML.
"""

from .engine import Verdict, assess
from .patient_case import CaseError, PatientCase

__all__ = ["assess", "Verdict", "PatientCase", "CaseError"]
