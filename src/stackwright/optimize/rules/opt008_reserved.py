"""Reserved Instances (1 or 3 years) for EC2, RDS and ElastiCache that run all month."""

from stackwright.cost.bill import HOURS_PER_MONTH
from stackwright.optimize.rule import Proposal, Rule, components, with_component
from stackwright.pricing import catalogue
from stackwright.translatable import N_

TERMS = {"reserved_1y": (1, "ri-1y", N_("1 year, No Upfront")), "reserved_3y": (3, "ri-3y", N_("3 years"))}


def _keys(c, term_key: str) -> tuple[str, str] | None:
    if c.kind in ("ec2_asg", "ec2_instance"):
        return f"ec2/ondemand/{c.instance_type}", f"ec2/{term_key}/{c.instance_type}"
    if c.kind == "rds":
        az = "multi-az" if c.multi_az else "single-az"
        return f"rds/{c.engine}/{az}/{c.instance_class}", f"rds/{c.engine}/{az}/{term_key}/{c.instance_class}"
    if c.kind == "elasticache":
        return f"elasticache/{c.engine}/{c.node_type}", f"elasticache/{c.engine}/{term_key}/{c.node_type}"
    return None


def propose(spec, only=None):
    prices = catalogue.load(spec.region)
    for name, c in components(spec, only):
        for option, (years, term_key, label) in TERMS.items():
            keys = _keys(c, term_key)
            # on-demand may reserve for 1 or 3 years, a 1-year reservation may go to 3
            if keys is None or c.purchase_option == option or c.purchase_option not in ("on_demand", "reserved_1y"):
                continue
            on_demand_key, reserved_key = keys
            if on_demand_key not in prices or reserved_key not in prices:
                continue
            on_demand, reserved = prices.get(on_demand_key).usd, prices.get(reserved_key).usd
            commitment = reserved * HOURS_PER_MONTH * 12 * years
            break_even = commitment / (on_demand * HOURS_PER_MONTH)
            yield Proposal(
                with_component(spec, name, purchase_option=option),
                N_("%(name)s: reserve for %(term)s (%(type)s)") % {
                    "name": name, "term": label, "type": reserved_key.rsplit("/", 1)[1]},
                N_("A commitment: %(usd)s USD per unit over %(years)s year(s) whether it runs or not; it beats "
                   "on-demand only if the unit keeps running more than %(months)s months. Size first, reserve after.")
                % {"usd": f"{commitment:,.0f}", "years": years, "months": f"{break_even:.1f}"},
                frozenset({name}),
                details={"break_even_months": round(break_even, 1), "commitment_usd_per_unit": round(commitment, 2),
                         "effective_discount": round(1 - reserved / on_demand, 3)},
            )


RULE = Rule("OPT008", "Reserved Instances", propose, per_component=True)
