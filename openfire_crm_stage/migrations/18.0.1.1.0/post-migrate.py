def migrate(cr, version):
    """On email triggers Odoo checks only the Before Update Domain: give the shipped
    "Quote sent by email" rule its quote condition there, unless a consultant
    already set one."""
    cr.execute(
        """
        UPDATE base_automation rule
           SET filter_pre_domain = rule.filter_domain
          FROM ir_model_data data
         WHERE data.module = 'openfire_crm_stage'
           AND data.name = 'automation_quote_sent_to_quote'
           AND data.res_id = rule.id
           AND rule.trigger = 'on_message_sent'
           AND rule.filter_pre_domain IS NULL
        """
    )
