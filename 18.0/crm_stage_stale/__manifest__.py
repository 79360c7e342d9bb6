{
    "name": "CRM Stage Stale Opportunities",
    "summary": "Stale opportunities per stage, counted in the pipeline's columns, "
    "and each column's weighted revenue in the company's currency",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/openfire/openfire_crm_stage",
    "author": "OpenFire, Odoo Community Association (OCA)",
    "license": "AGPL-3",
    "depends": ["crm"],
    "data": [
        "views/crm_lead_views.xml",
        "views/crm_stage_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_stage_stale/static/src/**/*",
        ],
        "web.assets_tests": [
            "crm_stage_stale/static/tests/tours/**/*",
        ],
    },
    "pre_init_hook": "pre_init_hook",
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
}
