{
    "name": "CRM Stage Automation - Sales",
    "summary": "Move opportunities forward when a quotation is created, sent or "
    "confirmed",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/openfire/openfire_crm_stage",
    "author": "OpenFire, Odoo Community Association (OCA)",
    "license": "AGPL-3",
    "depends": ["crm_stage_automation", "sale_crm"],
    "auto_install": True,
    "post_init_hook": "post_init_hook",
}
