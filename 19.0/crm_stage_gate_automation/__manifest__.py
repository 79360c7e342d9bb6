{
    "name": "CRM Stage Gates: Automated Moves",
    "summary": "Automated stage moves skip a stage an opportunity does not meet "
    "and say in its chatter what it lacks",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/openfire/openfire_crm_stage",
    "author": "OpenFire, Odoo Community Association (OCA)",
    "license": "AGPL-3",
    "depends": ["crm_stage_automation", "crm_stage_gate"],
    "auto_install": True,
}
