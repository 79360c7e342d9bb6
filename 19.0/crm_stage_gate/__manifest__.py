{
    "name": "CRM Stage Gates",
    "summary": "Requirements an opportunity must meet to enter a stage: fields "
    "to fill, checked on every way in",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/openfire/openfire_crm_stage",
    "author": "OpenFire, Odoo Community Association (OCA)",
    "license": "AGPL-3",
    "depends": ["crm"],
    "data": [
        "security/ir.model.access.csv",
        "security/ir_model_fields_security.xml",
        "views/crm_stage_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_stage_gate/static/src/**/*",
        ],
        "web.assets_tests": [
            "crm_stage_gate/static/tests/tours/**/*",
        ],
    },
    "pre_init_hook": "pre_init_hook",
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
}
