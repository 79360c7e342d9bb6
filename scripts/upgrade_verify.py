# Run by scripts/check-upgrade in `odoo shell` after the upgrade: compares with what
# scripts/upgrade_configure.py noted (the file NOTED); prints "ok: ..." or
# "FAILED: ...", then "upgrade verified" when all hold.
import json
import os

env = env(context=dict(env.context, lang="en_US"))  # noqa: F821 (odoo shell's env)
with open(os.environ["NOTED"]) as noted_file:
    noted = json.load(noted_file)
family = os.environ["FAMILY"].split()
failures = []


def check(name, expected, found):
    if expected == found:
        print(f"ok: {name}")
    else:
        failures.append(name)
        print(f"FAILED: {name}: expected {expected!r}, found {found!r}")


modules = env["ir.module.module"].search([("name", "in", family)])
check(
    "the family is installed",
    sorted(family),
    sorted(modules.filtered(lambda module: module.state == "installed").mapped("name")),
)
Stage = env["crm.stage"]
for stage_id, values in noted["stages"].items():
    stage = Stage.browse(int(stage_id)).exists()
    found = {
        "name": stage.name,
        "name_fr": stage.with_context(lang="fr_FR").name,
        "sequence": stage.sequence,
        "probability": stage.probability,
        "on_change": stage.on_change,
        "rotting_threshold_days": stage.rotting_threshold_days,
        "gate_fields": sorted(stage.gate_field_ids.mapped("name")),
        "gate_quote": stage.gate_quote,
        "gate_technical_visit": stage.gate_technical_visit,
    }
    if values["name_fr"] == values["name"]:
        # not translated on the release: the upgrade may load its French
        del values["name_fr"], found["name_fr"]
    check(f"stage {values['name']}", values, found)
Line = env["crm.stage.automation"]
for line_id, values in noted["lines"].items():
    line = Line.browse(int(line_id)).exists()
    found = {
        "stage": line.stage_id.id,
        "event": line.event,
        "action": line.action,
        "enabled": line.enabled,
        "activity_type": line.activity_type_id.id,
        "delay_days": line.delay_days,
        "template": line.template_id.id,
        "rule": line.rule_id.id,
    }
    # 18.0.2.0.0: the technical visit's event is the generic activity one
    if values["event"] == "visit_planned":
        values["event"] = "activity_planned"
    check(f"stage line {line_id}", values, found)
Rule = env["base.automation"].with_context(active_test=False)
for rule_id, values in noted["rules"].items():
    rule = Rule.browse(int(rule_id)).exists()
    found = {
        "name": rule.name,
        "active": rule.active,
        "actions": sorted(rule.action_server_ids.ids),
    }
    check(f"rule {values['name']}", values, found)
check("win-rate period", noted["win_rate_months"], env.company.stage_win_rate_months)
check(
    "every lead",
    noted["leads"],
    env["crm.lead"].with_context(active_test=False).search_count([]),
)
check(
    "Stage Durations' stays",
    noted["durations"],
    env["crm.stage.duration"].search_count([]),
)
check(
    "Stage Conversion's rows",
    noted["conversion"],
    env["crm.stage.conversion"].search_count([]),
)
lead = env["crm.lead"].search([("name", "=", "Upgrade check")])
check(
    "an opportunity's history",
    noted["history"],
    env["crm.stage.duration"].search_count([("lead_id", "=", lead.id)]),
)
for key, label in noted["labels_fr"].items():
    model, name = key.split(",")
    check(
        f"French label of {key}",
        label,
        env[model]._fields[name]._description_string(env(context={"lang": "fr_FR"})),
    )
# every external id of the release still names a record, under the module that
# now ships it, or under openfire_crm_stage for what stayed; but those of what the
# family dropped on purpose
DROPPED = {
    # the deletion wizard no longer lists rules: crm_stage_automation's business
    "ir.model.fields:field_crm_stage_delete__automation_names",
    # the reports group by a Many2one to crm.stage.tracked, in pipeline order,
    # instead of a stage name ordered by its sequence
    *(
        f"ir.model.fields:field_crm_stage_{report}__stage_{name}"
        for report in ("conversion", "duration", "history")
        for name in ("name", "sequence")
    ),
}
Data = env["ir.model.data"]
left_behind = [
    xmlid
    for xmlid in noted["xmlids"]
    if xmlid not in DROPPED
    and not Data.search_count(
        [
            ("module", "in", family),
            ("model", "=", xmlid.split(":")[0]),
            ("name", "=", xmlid.split(":")[1]),
        ]
    )
]
check("every external id of the release still there, in the family", [], left_behind)
dangling = [
    f"{data.module}.{data.name}"
    for data in Data.search([("module", "in", family)])
    if data.model in env and not env[data.model].browse(data.res_id).exists()
]
check("no external id of the family names a missing record", [], dangling)
if not failures:
    print("upgrade verified")
