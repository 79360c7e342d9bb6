{
    "name": "OpenFire CRM Stages",
    "summary": "OpenFire's French sales pipeline, with a probability per stage, "
    "estimates, technical visits, quote follow-ups and the whole stage family",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/openfire/openfire_crm_stage",
    "author": "OpenFire",
    "license": "AGPL-3",
    "depends": [
        "sale_crm",
        "crm_stage_analysis",
        "crm_stage_automation_sale",
        "crm_stage_deletion_guard",
        "crm_stage_gate_automation",
        "crm_stage_gate_sale",
        "crm_stage_stale",
    ],
    "data": [
        "data/crm_stage_data.xml",
        "data/mail_activity_type_data.xml",
        "data/base_automation_data.xml",
        "data/quote_follow_up_data.xml",
        "data/crm_stage_automation_data.xml",
        "views/crm_stage_views.xml",
        "views/crm_lead_views.xml",
        "views/sale_order_views.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/crm_lead_won_demo.xml",
        "demo/crm_lead_lost_demo.xml",
        "demo/crm_lead_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "openfire_crm_stage/static/tests/tours/**/*",
        ],
    },
    "pre_init_hook": "pre_init_hook",
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    # same stage fields, another probability mechanism: see the README's migration
    "excludes": ["crm_stage_probability"],
}
