from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import SQL


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.depends(lambda self: ["stage_id", "team_id"] + self._pls_get_safe_fields())
    def _compute_probabilities(self):
        """Let PLS compute the automated probability everywhere, but never let it
        replace the probability of a lead sitting in a stage that drives it."""
        stage_driven = self.filtered(lambda lead: lead._has_stage_probability())
        kept = {}
        for lead in stage_driven:
            if lead._origin and lead._origin.stage_id == lead.stage_id:
                kept[lead] = lead.probability
            else:
                # form onchange or new record: show the value the stage will give
                kept[lead] = lead.stage_id.probability
        res = super()._compute_probabilities()
        for lead, probability in kept.items():
            lead.probability = probability
        return res

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads.browse(
            lead.id
            for lead, vals in zip(leads, vals_list, strict=True)
            if "probability" not in vals
        )._apply_stage_probability()
        return leads

    def write(self, vals):
        if "stage_id" not in vals or "probability" in vals or not vals["stage_id"]:
            return super().write(vals)
        stage = self.env["crm.stage"].browse(vals["stage_id"])
        entering = self.filtered(lambda lead: lead.active and lead.stage_id != stage)
        if not (entering and stage._drives_probability()):
            return super().write(vals)
        others = self - entering
        if others:
            super(CrmLead, others).write(vals)
        return super(CrmLead, entering).write(dict(vals, probability=stage.probability))

    def _handle_won_lost(self, vals):
        """Odoo's hook on opportunities being won or lost: a won one needs no
        quote follow-up (a lost one loses its activities in Odoo itself)."""
        res = super()._handle_won_lost(vals)
        if (
            vals.get("stage_id")
            and self.env["crm.stage"].browse(vals["stage_id"]).is_won
        ):
            self._close_quote_follow_ups()
        return res

    def toggle_active(self):
        res = super().toggle_active()
        self.filtered("active")._apply_stage_probability()
        return res

    def _update_automated_probabilities(self):
        """The PLS cron aligns ``probability`` on the new automated value when both
        were equal: keep the value of leads whose stage drives it."""
        self.flush_model(["probability", "stage_id", "active"])
        self.env.cr.execute(
            """
            SELECT lead.id, lead.probability
              FROM crm_lead lead
              JOIN crm_stage stage ON stage.id = lead.stage_id
             WHERE lead.active
               AND stage.on_change
               AND stage.is_won IS NOT TRUE
               AND lead.probability = lead.automated_probability
            """
        )
        stage_driven = self.env.cr.fetchall()
        res = super()._update_automated_probabilities()
        if stage_driven:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE crm_lead lead
                       SET probability = kept.probability
                      FROM (VALUES %s) AS kept(id, probability)
                     WHERE lead.id = kept.id
                    """,
                    SQL(", ").join(SQL("(%s, %s)", *row) for row in stage_driven),
                )
            )
            self.invalidate_model(["probability"])
        return res

    def _has_stage_probability(self):
        self.ensure_one()
        return (
            self.active and bool(self.stage_id) and self.stage_id._drives_probability()
        )

    def _apply_stage_probability(self):
        """Give each lead the probability of its stage, when the stage drives it."""
        leads_by_stage = self.filtered(
            lambda lead: lead._has_stage_probability()
        ).grouped("stage_id")
        for stage, leads in leads_by_stage.items():
            leads.write({"probability": stage.probability})

    def action_sale_estimate_new(self):
        """New Estimate: a quotation of the estimate costing type."""
        action = self.with_context(
            default_costing_type="estimate"
        ).action_sale_quotations_new()
        if action.get("res_model") == "crm.quotation.partner":
            action["context"] = {"default_costing_type": "estimate"}
        return action

    def _prepare_opportunity_quotation_context(self):
        context = super()._prepare_opportunity_quotation_context()
        context["default_costing_type"] = self.env.context.get(
            "default_costing_type", "quote"
        )
        return context

    def _stage_automation_opportunities(self):
        return [(lead, lead) for lead in self]

    def _schedule_quote_follow_up(self):
        """Plan a quote follow-up on each opportunity, or move its open one to the
        new date: a quote sent again never piles up follow-ups. Its delay and
        assignee are the activity type's, so that they are set without code."""
        activity_type = self.env.ref(
            "openfire_crm_stage.mail_activity_type_quote_follow_up"
        )
        for lead in self.filtered("active"):
            deadline = lead._quote_follow_up_deadline(activity_type)
            follow_ups = lead.activity_ids.filtered(
                lambda activity: activity.activity_type_id == activity_type
            )
            if follow_ups:
                follow_ups.date_deadline = deadline
                continue
            lead.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=deadline,
                user_id=(
                    activity_type.default_user_id or lead.user_id or self.env.user
                ).id,
            )

    def _close_quote_follow_ups(self):
        """The opportunity is won or its quote confirmed: nothing to follow up."""
        activity_type = self.env.ref(
            "openfire_crm_stage.mail_activity_type_quote_follow_up"
        )
        self.activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
        ).action_feedback()

    def _quote_follow_up_deadline(self, activity_type):
        """The activity type's delay; in days, these are the company's working
        days (its working hours and public holidays)."""
        self.ensure_one()
        calendar = (self.company_id or self.env.company).resource_calendar_id
        if activity_type.delay_unit != "days" or not calendar:
            return activity_type._get_date_deadline()
        timezone = pytz.timezone(calendar.tz or "UTC")
        # counted from tomorrow: a quote sent at night waits as long as one sent
        # in the morning
        tomorrow = datetime.combine(
            fields.Date.context_today(self) + timedelta(days=1), time.min
        )
        end = calendar.plan_days(
            activity_type.delay_count, timezone.localize(tomorrow), compute_leaves=True
        )
        return end.date() if end else activity_type._get_date_deadline()
