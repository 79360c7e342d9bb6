# The wizard, its view, action and access line came from openfire_crm_stage: a
# database of its earlier releases hands them over rather than creating them twice.
ADOPTED_FROM = "openfire_crm_stage"
ADOPTED_NAMES = (
    "model_crm_stage_delete",
    "crm_stage_delete_view_form",
    "crm_stage_delete_action",
    "access_crm_stage_delete_manager",
)
ADOPTED_FIELDS = "field_crm_stage_delete\\_\\_%"
# a field of openfire's wizard that this addon does not define: it goes with openfire
LEFT_FIELDS = ("field_crm_stage_delete__automation_names",)


def pre_init_hook(env):
    env.cr.execute(
        """
        UPDATE ir_model_data SET module = 'crm_stage_deletion_guard'
         WHERE module = %s AND (name IN %s OR (name LIKE %s AND name NOT IN %s))
        """,
        (ADOPTED_FROM, ADOPTED_NAMES, ADOPTED_FIELDS, LEFT_FIELDS),
    )
