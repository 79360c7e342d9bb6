{
    "name": "CRM Stage Stale Opportunities",
    "summary": "Odoo's rotting refined (planned work keeps an opportunity fresh, "
    "bounded days, columns counted on the server) and each column's weighted "
    "revenue",
    "version": "19.0.1.0.0",
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
    "post_init_hook": "post_init_hook",
}
