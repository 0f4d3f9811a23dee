"""Writing blocks by shape (placeholders for names, text and numbers; large maps and attribute lists in chunks)
gives exactly the text python-hcl2 writes for each whole block."""

from __future__ import annotations

from stackwright.render.terraform import hcl_writer
from stackwright.render.terraform.hcl import Block, Call, Expr, Template, align, dumps


def _direct(blocks: list[Block]) -> str:
    return align("\n".join(hcl_writer._dump_block(block) for block in blocks))


def _service(i: int) -> dict:
    entry = {"cpu": 256 * (1 + i % 3), "image": Expr(f'var.tag == "" ? "nginx:{i}" : "${{module.c.uris["svc{i}"]}}:${{var.tag}}"'),
             "count": Expr(f'var.tag == "" ? 0 : {i % 4}'), "ports": [80, 443, 8080 + i, 1, 2, 3, 4, 5],
             "tags": {"Name": f"svc-{i}", "team a": "x"}}
    if i % 2:
        entry["providers"] = [{"provider": "FARGATE", "weight": i}, {"provider": "FARGATE_SPOT", "weight": 3}]
    return entry


BLOCKS = [
    Block("locals", (), {"services": {f"svc{i}" if i % 3 else f"svc {i}": _service(i) for i in range(23)}}),
    Block("module", ("monitoring",), {"source": "./modules/monitoring",
                                      **{f"svc{i}_name": Expr(f'module.service["svc{i}"].name') for i in range(19)}}),
    *[Block("resource", ("aws_lb_target_group", f"svc{i}"), {
        "port": 8000 + i, "vpc_id": Expr("var.vpc_id"), "name": Template(("tg-", Expr(f"var.names[{i}]"))),
        "policy": Call("jsonencode", ({"Statement": [{"Action": "s3:GetObject", "Resource": f"arn:aws:s3:::b{i}/*"}]},)),
        "health_check": Block("health_check", (), {"path": f"/svc{i}", "matcher": "200-399"}),
    }, comments=("checkov:skip=CKV_AWS_378:inside the VPC",)) for i in range(5)],
    Block("resource", ("aws_cloudwatch_dashboard", "d"), {"dashboard_body": Call("jsonencode", ({"widgets": [
        {"type": "metric", "properties": {"metrics": [["AWS/ECS", "CPUUtilization", "ServiceName", Expr(f"var.s{i}")]
                                                      for i in range(n)], "period": 300}} for n in (3, 11, 20)]},))}),
    Block("resource", ("aws_instance", "zQz1zQz"), {"user_data": "#!/bin/bash\necho zQz2zQz\n", "count": -1}),
]


def test_shapes_give_python_hcl2s_text():
    hcl_writer._shapes.clear()
    assert dumps(BLOCKS) == _direct(BLOCKS)
    assert dumps(BLOCKS) == _direct(BLOCKS)  # again, from the cached shapes


def test_similar_blocks_share_one_shape():
    hcl_writer._shapes.clear()
    dumps(BLOCKS[2:7])
    assert len(hcl_writer._shapes) == 1


def test_blocks_differing_only_in_attribute_names_share_one_shape():
    calls = [Block("module", (f"m{i}",), {f"input_{'x' * i}": Expr("var.a"), "b": Expr(f"var.b{i}"),
                                          "tags": {"Name": "n"}, "c": [1, 2]}) for i in range(1, 4)]
    hcl_writer._shapes.clear()
    assert dumps(calls) == _direct(calls)  # `=` aligned to each block's own longest name
    assert len(hcl_writer._shapes) == 1
