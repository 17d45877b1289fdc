"""python -m course_lib: assess the first patient in the case bank and print every option's verdict."""

from .case_bank import vignettes
from .engine import assess, describe

sample = next(iter(vignettes().values()))
print(f"{sample.title}\n{sample.story}\n")
print(describe(assess(sample.case)))
