def migrate(cr, version):
    """The technical visit planned is crm_stage_automation's generic event "An
    activity is planned", of the Technical Visit type the line names."""
    cr.execute(
        "UPDATE crm_stage_automation SET event = 'activity_planned' "
        "WHERE event = 'visit_planned'"
    )
