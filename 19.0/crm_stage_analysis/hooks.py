from odoo.tools import SQL

MODULE = "crm_stage_analysis"
# openfire_crm_stage 18.0.1.3.0 shipped the reports and the win rates: the
# records this module took over from it are adopted, not created twice.
FORMER_MODULE = "openfire_crm_stage"
# updated from this module's data, as any upgrade does
ADOPTED_XMLIDS = (
    "access_crm_stage_conversion_salesman",
    "access_crm_stage_duration_salesman",
    "crm_stage_conversion_action",
    "crm_stage_conversion_menu",
    "crm_stage_conversion_view_graph",
    "crm_stage_conversion_view_list",
    "crm_stage_conversion_view_pivot",
    "crm_stage_conversion_view_search",
    "crm_stage_duration_action",
    "crm_stage_duration_menu",
    "crm_stage_duration_view_graph",
    "crm_stage_duration_view_list",
    "crm_stage_duration_view_pivot",
    "crm_stage_duration_view_search",
    "crm_stage_form_win_rate",
    "crm_stage_tree_win_rate",
)
# noupdate, which a consultant may have changed: an installation writes its
# data over what it finds, so these are kept as found instead of the new ones
KEPT_XMLIDS = (
    "crm_stage_conversion_rule_all",
    "crm_stage_conversion_rule_company",
    "crm_stage_conversion_rule_personal",
    "crm_stage_duration_rule_all",
    "crm_stage_duration_rule_company",
    "crm_stage_duration_rule_personal",
)


def pre_init_hook(env):
    """Adopt the external ids of the records openfire_crm_stage shipped before
    this module existed; on a database without them, nothing to do."""
    env.cr.execute(
        SQL(
            """
            UPDATE ir_model_data data
               SET module = %(module)s
             WHERE data.module = %(former)s
               AND data.name IN %(names)s
               AND NOT EXISTS (
                       SELECT FROM ir_model_data adopted
                        WHERE adopted.module = %(module)s
                          AND adopted.name = data.name
                   )
            """,
            module=MODULE,
            former=FORMER_MODULE,
            names=ADOPTED_XMLIDS,
        )
    )


def post_init_hook(env):
    """The record rules openfire_crm_stage shipped replace the ones just
    loaded, as the consultant left them."""
    Data = env["ir.model.data"]
    formers = Data.search([("module", "=", FORMER_MODULE), ("name", "in", KEPT_XMLIDS)])
    for former in formers:
        kept = env[former.model].browse(former.res_id).exists()
        loaded = Data.search([("module", "=", MODULE), ("name", "=", former.name)])
        if kept and loaded and loaded.res_id != kept.id:
            duplicate = env[loaded.model].browse(loaded.res_id)
            loaded.res_id = kept.id
            loaded.flush_recordset()  # or the duplicate's deletion takes it along
            duplicate.unlink()
    formers.unlink()
