{
    "name": "CRM Stage Deletion Guard",
    "summary": "Refuse deleting a stage that still holds leads, lost ones included, "
    "and offer to move them first",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/openfire/openfire_crm_stage",
    "author": "OpenFire, Odoo Community Association (OCA)",
    "license": "AGPL-3",
    "depends": ["crm"],
    "data": [
        "security/ir.model.access.csv",
        "wizard/crm_stage_delete_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_stage_deletion_guard/static/tests/tours/**/*",
        ],
    },
    "pre_init_hook": "pre_init_hook",
}
