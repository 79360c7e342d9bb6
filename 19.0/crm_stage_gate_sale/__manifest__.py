{
    "name": "CRM Stage Gates: Quotations",
    "summary": "A stage may require a quotation created, sent or confirmed "
    "before an opportunity enters it",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/openfire/openfire_crm_stage",
    "author": "OpenFire, Odoo Community Association (OCA)",
    "license": "AGPL-3",
    "depends": ["crm_stage_gate", "sale_crm"],
    "data": [
        "views/crm_stage_views.xml",
    ],
    "auto_install": True,
    "pre_init_hook": "pre_init_hook",
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
}
