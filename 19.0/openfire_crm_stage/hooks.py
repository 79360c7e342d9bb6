import json
import logging

from odoo import Command
from odoo.tools import SQL
from odoo.tools.translate import TranslationImporter, get_po_paths

_logger = logging.getLogger(__name__)

MODULE = "openfire_crm_stage"
# Left by the uninstallation, read by the next installation: what to adopt and
# the stage settings whose columns went away with the module.
KEPT_AT_UNINSTALL = f"{MODULE}.kept_at_uninstall"
# Records that the uninstallation keeps while in use, and a reinstallation adopts.
KEPT_RECORDS = {
    "stage_technical_visit": "crm.stage",
    "mail_activity_type_technical_visit": "mail.activity.type",
    "mail_activity_type_quote_follow_up": "mail.activity.type",
}
# What the module's data writes on records that a reinstallation finds already
# there, so that it gives back what the consultant had set.
SHIPPED_VALUES = {
    "crm.stage": ["name", "sequence", "rotting_threshold_days"],
    "mail.activity.type": [
        "name",
        "summary",
        "icon",
        "category",
        "sequence",
        "delay_count",
        "delay_unit",
        "delay_from",
    ],
}
STAGE_SETTINGS = ("probability", "on_change")
SHIPPED_STAGES = (
    "crm.stage_lead1",
    "crm.stage_lead2",
    "crm.stage_lead3",
    "crm.stage_lead4",
)


def pre_init_hook(env):
    """A reinstallation adopts the records the uninstallation kept, rather than
    creating them twice, and notes what the consultant had set on them."""
    kept = _kept_at_uninstall(env)
    if not kept:
        return
    records = []
    for name, res_id in kept["records"].items():
        record = env[KEPT_RECORDS[name]].browse(res_id).exists()
        if record:
            env["ir.model.data"].create(
                {
                    "module": MODULE,
                    "name": name,
                    "model": record._name,
                    "res_id": record.id,
                    "noupdate": True,
                }
            )
            records.append(record)
    records += [env.ref(xmlid, raise_if_not_found=False) for xmlid in SHIPPED_STAGES]
    kept["values"] = [
        [record._name, record.id, _shipped_values(record)]
        for record in records
        if record
    ]
    env["ir.config_parameter"].sudo().set_param(KEPT_AT_UNINSTALL, json.dumps(kept))


def post_init_hook(env):
    # lines of OpenFire's events (an estimate) or action (the quote follow-up),
    # noted when crm_stage_automation was uninstalled
    env["crm.stage.automation"]._restore_kept_at_uninstall()
    env["crm.stage"]._restore_gate_settings()
    kept = _kept_at_uninstall(env)
    if kept:
        _restore(env, kept)
        return
    # Odoo's stages renamed by this module (Qualified, Proposition) still carry
    # their former translations (Qualifié…), which a normal translation load
    # keeps: force the module's own ones, once, at the first installation.
    importer = TranslationImporter(env.cr, verbose=False)
    for lang, _name in env["res.lang"].get_installed():
        if lang == "en_US":
            continue
        for po_path in get_po_paths(MODULE, lang):
            importer.load_file(po_path, lang)
    importer.save(force_overwrite=True)


def uninstall_hook(env):
    """Leave nothing broken behind, and what a reinstallation needs to give back
    what the consultant had set."""
    # The quote follow-up goes away with the module: a rule keeps its other
    # actions, and is switched off when it has none left.
    actions = env["ir.actions.server"].search([("state", "=", "crm_quote_follow_up")])
    # the module's own rules go away with it
    own = env["ir.model.data"].search(
        [("module", "=", MODULE), ("model", "=", "base.automation")]
    )
    rules = actions.base_automation_id.filtered(
        lambda rule: (
            rule.active
            and rule.id not in own.mapped("res_id")
            and not rule.action_server_ids - actions
        )
    )
    if rules:
        _logger.warning(
            "Automation rules deactivated, their actions go away with %s: %s",
            MODULE,
            rules.mapped("name"),
        )
        rules.active = False
    stages = env["crm.stage"].with_context(active_test=False).search([])
    kept = {
        "records": {},
        "stages": {
            stage.id: {name: stage[name] for name in STAGE_SETTINGS} for stage in stages
        },
    }
    # the technical visit requirement goes away with its column
    env["crm.stage"]._note_gate_settings(["gate_technical_visit"])
    for name, model in KEPT_RECORDS.items():
        record = env.ref(f"{MODULE}.{name}", raise_if_not_found=False)
        if record and _in_use(record):
            # without its external id, the module's uninstallation keeps it
            env["ir.model.data"].search(
                [("module", "=", MODULE), ("name", "=", name), ("model", "=", model)]
            ).unlink()
            kept["records"][name] = record.id
            _logger.info("%s kept: still in use.", record.display_name)
    env["ir.config_parameter"].sudo().set_param(KEPT_AT_UNINSTALL, json.dumps(kept))
    _logger.info(
        "Stage settings noted for a reinstallation: %s",
        ", ".join(f"{stage.name} {stage.probability:g}%" for stage in stages),
    )
    # the Stages menu goes back to debug mode only, as crm ships it
    menu = env.ref("crm.menu_crm_lead_stage_act", raise_if_not_found=False)
    if menu:
        menu.group_ids = [Command.set([env.ref("base.group_no_one").id])]


def _kept_at_uninstall(env):
    value = env["ir.config_parameter"].sudo().get_param(KEPT_AT_UNINSTALL)
    return json.loads(value) if value else None


def _in_use(record):
    if record._name == "crm.stage":
        return (
            record.env["crm.lead"]
            .with_context(active_test=False)
            .search_count([("stage_id", "=", record.id)], limit=1)
        )
    return record.env["mail.activity"].search_count(
        [("activity_type_id", "=", record.id)], limit=1
    )


def _shipped_values(record):
    """The values the module's data would overwrite, translations included."""
    values = {}
    for name in SHIPPED_VALUES[record._name]:
        field = record._fields[name]
        if field.translate:
            record.env.cr.execute(
                SQL(
                    "SELECT %s FROM %s WHERE id = %s",
                    SQL.identifier(name),
                    SQL.identifier(record._table),
                    record.id,
                )
            )
            values[name] = record.env.cr.fetchone()[0]
        else:
            values[name] = field.convert_to_write(record[name], record)
    return values


def _restore(env, kept):
    for model, res_id, values in kept.get("values", []):
        record = env[model].browse(res_id)
        translations = {
            name: values.pop(name)
            for name in list(values)
            if record._fields[name].translate
        }
        record.write(values)
        for name, by_lang in translations.items():
            record.update_field_translations(name, by_lang or {"en_US": False})
    # the stage settings are restored as they were, not edited: opportunities
    # keep their probabilities
    for stage_id, settings in kept["stages"].items():
        env.cr.execute(
            SQL(
                "UPDATE crm_stage SET probability = %s, on_change = %s WHERE id = %s",
                *(settings[name] for name in STAGE_SETTINGS),
                int(stage_id),
            )
        )
    env["crm.stage"].invalidate_model(list(STAGE_SETTINGS))
    # noted by a release before the family (18.0.1.3.0 and older): the stages'
    # requirements and lines, given back to the addons that now hold them
    for stage_id, settings in kept["stages"].items():
        if "rotting_threshold_days" in settings:
            env["crm.stage"].browse(
                int(stage_id)
            ).exists().rotting_threshold_days = settings["rotting_threshold_days"]
    for stage_id, gate in kept.get("gates", {}).items():
        stage = env["crm.stage"].browse(int(stage_id)).exists()
        fields = env["ir.model.fields"].browse(gate.pop("gate_field_ids")).exists()
        stage.write(dict(gate, gate_field_ids=[Command.set(fields.ids)]))
    env["crm.stage.automation"]._restore_noted(kept.get("lines", []))
    env["ir.config_parameter"].sudo().search([("key", "=", KEPT_AT_UNINSTALL)]).unlink()
    _logger.info(
        "Reinstalled: %s records adopted, the settings of %s stages given back.",
        len(kept["records"]),
        len(kept["stages"]),
    )
