import logging

from odoo import Command
from odoo.tools import SQL
from odoo.tools.translate import TranslationImporter, get_po_paths

from .report.crm_stage_duration import STORED_VISITS

_logger = logging.getLogger(__name__)


def post_init_hook(env):
    """Odoo's stages renamed by this module (Qualified, Proposition) still carry
    their former translations (Qualifié…), which a normal translation load keeps:
    force the module's own ones, once, at installation."""
    importer = TranslationImporter(env.cr, verbose=False)
    for lang, _name in env["res.lang"].get_installed():
        if lang == "en_US":
            continue
        for po_path in get_po_paths("openfire_crm_stage", lang):
            importer.load_file(po_path, lang)
    importer.save(force_overwrite=True)


def uninstall_hook(env):
    """Leave nothing broken behind: rules losing their *Move Opportunity Forward*
    action are switched off, and the stage and activity type still in use stay."""
    # the module's action type, and code calling its quote follow-up (copies of
    # the shipped rule included), go away with it
    rules = (
        env["ir.actions.server"]
        .search(
            [
                "|",
                ("state", "=", "crm_stage"),
                "&",
                ("state", "=", "code"),
                ("code", "ilike", "_quote_follow_up"),
            ]
        )
        .base_automation_id.filtered("active")
    )
    if rules:
        _logger.warning(
            "Automation rules deactivated, their action type goes away with "
            "openfire_crm_stage: %s",
            rules.mapped("name"),
        )
        rules.active = False
    stages = env["crm.stage"].search([])
    _logger.info(
        "Stage probabilities dropped with openfire_crm_stage: %s",
        ", ".join(f"{stage.name} {stage.probability:g}%" for stage in stages),
    )
    still_used = [
        (
            "openfire_crm_stage.stage_technical_visit",
            lambda stage: (
                env["crm.lead"]
                .with_context(active_test=False)
                .search_count([("stage_id", "=", stage.id)], limit=1)
            ),
        ),
    ] + [
        (
            xmlid,
            lambda activity_type: env["mail.activity"].search_count(
                [("activity_type_id", "=", activity_type.id)], limit=1
            ),
        )
        for xmlid in (
            "openfire_crm_stage.mail_activity_type_technical_visit",
            "openfire_crm_stage.mail_activity_type_quote_follow_up",
        )
    ]
    for xmlid, in_use in still_used:
        record = env.ref(xmlid, raise_if_not_found=False)
        if record and in_use(record):
            # without its external id, the module's uninstallation keeps it
            env["ir.model.data"].search(
                [("model", "=", record._name), ("res_id", "=", record.id)]
            ).unlink()
            _logger.info("%s kept: still in use.", record.display_name)
    # the Stages menu goes back to debug mode only, as crm ships it
    env.ref("crm.menu_crm_lead_stage_act").groups_id = [
        Command.set([env.ref("base.group_no_one").id])
    ]
    # the index behind the pipeline's stale counts would only slow down writes
    env.cr.execute("DROP INDEX IF EXISTS crm_lead_stale_count_index")
    # the report's stored visits are the module's, Odoo drops only its view
    env.cr.execute(
        SQL(
            "DROP MATERIALIZED VIEW IF EXISTS %s CASCADE", SQL.identifier(STORED_VISITS)
        )
    )
