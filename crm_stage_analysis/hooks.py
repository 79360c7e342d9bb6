from odoo.tools import SQL

# The records this module took over from openfire_crm_stage 18.0.1.3.0, which
# shipped the reports and the win rates: adopted, not created twice, so that
# what a consultant changed on them stays (the record rules are noupdate).
ADOPTED_XMLIDS = (
    "access_crm_stage_conversion_salesman",
    "access_crm_stage_duration_salesman",
    "crm_stage_conversion_action",
    "crm_stage_conversion_menu",
    "crm_stage_conversion_rule_all",
    "crm_stage_conversion_rule_company",
    "crm_stage_conversion_rule_personal",
    "crm_stage_conversion_view_graph",
    "crm_stage_conversion_view_list",
    "crm_stage_conversion_view_pivot",
    "crm_stage_conversion_view_search",
    "crm_stage_duration_action",
    "crm_stage_duration_menu",
    "crm_stage_duration_rule_all",
    "crm_stage_duration_rule_company",
    "crm_stage_duration_rule_personal",
    "crm_stage_duration_view_graph",
    "crm_stage_duration_view_list",
    "crm_stage_duration_view_pivot",
    "crm_stage_duration_view_search",
    "crm_stage_form_win_rate",
    "crm_stage_tree_win_rate",
)
FORMER_MODULE = "openfire_crm_stage"


def pre_init_hook(env):
    """Adopt the external ids of the records openfire_crm_stage shipped before
    this module existed; on a database without them, nothing to do."""
    env.cr.execute(
        SQL(
            """
            UPDATE ir_model_data data
               SET module = 'crm_stage_analysis'
             WHERE data.module = %(former)s
               AND data.name IN %(names)s
               AND NOT EXISTS (
                       SELECT FROM ir_model_data adopted
                        WHERE adopted.module = 'crm_stage_analysis'
                          AND adopted.name = data.name
                   )
            """,
            former=FORMER_MODULE,
            names=ADOPTED_XMLIDS,
        )
    )
