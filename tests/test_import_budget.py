"""The evaluation step budget grows with the code read, so a large generated project imports, while a small
file that multiplies loops still stops at the fixed floor."""

from stackwright import limits
from stackwright.importer.hcl_eval import Budget


def test_small_code_keeps_the_floor():
    budget = Budget()
    budget.read(10_000)
    assert budget.allowed_steps == limits.MAX_EVALUATION_STEPS


def test_large_code_may_take_steps_in_proportion():
    budget = Budget()
    for _ in range(4):
        budget.read(1_000_000)  # four files of a megabyte each
    assert budget.allowed_steps == 4_000_000 * limits.EVALUATION_STEPS_PER_BYTE
