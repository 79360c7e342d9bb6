from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _stage_automation_opportunities(self):
        on_leads = self.filtered(lambda activity: activity.res_model == "crm.lead")
        leads = self.env["crm.lead"].browse(on_leads.mapped("res_id"))
        return [
            (leads.browse(activity.res_id).with_prefetch(leads.ids), activity)
            for activity in on_leads
        ]
