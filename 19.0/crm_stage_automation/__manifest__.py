{
    "name": "CRM Stage Automation",
    "summary": "Move opportunities forward on business events, and plan an activity "
    "or send an email when they enter a stage, from the stage itself",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/openfire/openfire_crm_stage",
    "author": "OpenFire, Odoo Community Association (OCA)",
    "license": "AGPL-3",
    "depends": ["crm", "base_automation"],
    "data": [
        "security/ir.model.access.csv",
        "views/crm_stage_views.xml",
        "views/ir_actions_server_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_stage_automation/static/tests/tours/**/*",
        ],
    },
    "pre_init_hook": "pre_init_hook",
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
}
