{
    "name": "CRM Stage Analysis",
    "summary": "Stage Durations and Stage Conversion reports, and a win rate per "
    "stage, read from the stage history Odoo tracks",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/openfire/openfire_crm_stage",
    "author": "OpenFire, Odoo Community Association (OCA)",
    "license": "AGPL-3",
    "depends": ["crm"],
    "data": [
        "security/ir.model.access.csv",
        "security/crm_stage_duration_security.xml",
        "security/crm_stage_conversion_security.xml",
        "views/crm_stage_views.xml",
        "report/crm_stage_duration_views.xml",
        "report/crm_stage_conversion_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_stage_analysis/static/tests/tours/**/*",
        ],
    },
    "pre_init_hook": "pre_init_hook",
    "post_init_hook": "post_init_hook",
}
