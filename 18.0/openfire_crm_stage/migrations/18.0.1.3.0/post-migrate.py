"""18.0.1.3.0: a stage line's email renders with the rights of whoever chose its
template, no longer as superuser. Lines from before did not note who: their last
writer did."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE crm_stage_automation
           SET template_user_id = COALESCE(write_uid, create_uid)
         WHERE template_id IS NOT NULL
           AND template_user_id IS NULL
        """
    )
