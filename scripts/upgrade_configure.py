# Run by scripts/check-upgrade in `odoo shell` on the release: what a consultant
# configures, then one line "NOTED {json}" of every value to find after the upgrade.
import json

env = env(context=dict(env.context, lang="en_US"))  # noqa: F821 (odoo shell's env)
new, estimate, quote, won = (
    env.ref(f"crm.stage_lead{number}") for number in (1, 2, 3, 4)
)
visit = env.ref("openfire_crm_stage.stage_technical_visit")
customer = env["res.partner"].create({"name": "Upgrade check"})
lead = env["crm.lead"].create(
    {
        "name": "Upgrade check",
        "type": "opportunity",
        "stage_id": new.id,
        "partner_id": customer.id,
        "expected_revenue": 5000,
    }
)
env.cr.commit()  # a record created in the transaction gets no tracking message
lead.stage_id = estimate
env.cr.commit()
lead.stage_id = quote
env.cr.commit()
# then the consultant's settings, on a pipeline with history
lead_fields = env["ir.model.fields"]._get_ids("crm.lead")
quote.write(
    {
        "gate_field_ids": [
            (6, 0, [lead_fields["expected_revenue"], lead_fields["partner_id"]])
        ],
        "gate_quote": "created",
        "rotting_threshold_days": 12,
    }
)
visit.gate_technical_visit = True
estimate.probability = 35
env.company.stage_win_rate_months = 6
env.ref("openfire_crm_stage.stage_automation_quote_sent").enabled = False
Line = env["crm.stage.automation"]
Line.create(
    {
        "stage_id": quote.id,
        "action": "activity",
        "activity_type_id": env.ref("mail.mail_activity_data_call").id,
        "delay_days": 2,
    }
)
env.cr.commit()


def stage_values(stage):
    return {
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


Rule = env["base.automation"].with_context(active_test=False)
noted = {
    "stages": {stage.id: stage_values(stage) for stage in env["crm.stage"].search([])},
    "lines": {
        line.id: {
            "stage": line.stage_id.id,
            "event": line.event,
            "action": line.action,
            "enabled": line.enabled,
            "activity_type": line.activity_type_id.id,
            "delay_days": line.delay_days,
            "template": line.template_id.id,
            "rule": line.rule_id.id,
        }
        for line in Line.search([])
    },
    "rules": {
        rule.id: {
            "name": rule.name,
            "active": rule.active,
            "actions": sorted(rule.action_server_ids.ids),
        }
        for rule in Rule.search([])
    },
    "win_rate_months": env.company.stage_win_rate_months,
    "leads": env["crm.lead"].with_context(active_test=False).search_count([]),
    "durations": env["crm.stage.duration"].search_count([]),
    "conversion": env["crm.stage.conversion"].search_count([]),
    "history": env["crm.stage.duration"].search_count([("lead_id", "=", lead.id)]),
    "labels_fr": {
        f"{model},{name}": env[model]
        .with_context(lang="fr_FR")
        ._fields[name]
        ._description_string(env(context={"lang": "fr_FR"}))
        for model, name in (
            ("crm.stage", "gate_field_ids"),
            ("crm.stage", "gate_quote"),
            ("crm.stage", "rotting_threshold_days"),
            ("crm.stage.automation", "event"),
            ("crm.stage.duration", "days"),
        )
    },
    "xmlids": sorted(
        env["ir.model.data"]
        .search([("module", "=", "openfire_crm_stage")])
        .mapped(lambda data: f"{data.model}:{data.name}")
    ),
}
print("NOTED " + json.dumps(noted))
