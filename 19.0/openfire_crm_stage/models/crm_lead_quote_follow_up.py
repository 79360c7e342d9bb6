import logging
from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models

_logger = logging.getLogger(__name__)


class CrmLead(models.Model):
    """The quote follow-up (*Relance devis*): planned when a quote is emailed,
    moved on a resend, closed when the opportunity is won or its quote confirmed
    (a lost opportunity loses its activities in Odoo itself)."""

    _inherit = "crm.lead"

    def write(self, vals):
        res = super().write(vals)
        if (
            vals.get("stage_id")
            and self.env["crm.stage"].browse(vals["stage_id"]).is_won
        ):
            self._close_quote_follow_ups()
        return res

    def _schedule_quote_follow_up(self):
        """Plan a quote follow-up on each opportunity, or move its open one to the
        new date: a quote sent again never piles up follow-ups. Its delay and
        assignee are the activity type's, so that they are set without code."""
        activity_type = self._quote_follow_up_type()
        opportunities = self.filtered(
            lambda lead: lead.active and not lead.stage_id.is_won
        )
        if not activity_type.active:
            _logger.warning(
                "Quote follow-up skipped: its activity type was deleted or archived."
            )
            return
        if not opportunities:
            return
        # Like base_automation, note when an automation acted. Saving the
        # opportunity also makes two quotes emailed at the same moment conflict:
        # Odoo retries the second, which then finds the first one's follow-up.
        opportunities.date_automation_last = fields.Datetime.now()
        for lead in opportunities:
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
        activity_type = self._quote_follow_up_type()
        self.activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
        ).action_feedback()

    def _quote_follow_up_deadline(self, activity_type):
        """The activity type's delay; in days, these are the company's working
        days (its working hours and public holidays), counted from tomorrow: a
        quote sent at night waits as long as one sent in the morning."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        calendar = (self.company_id or self.env.company).resource_calendar_id
        if activity_type.delay_unit != "days" or not calendar:
            return activity_type._get_date_deadline()
        if not activity_type.delay_count:
            return today
        timezone = pytz.timezone(calendar.tz or "UTC")
        tomorrow = datetime.combine(today + timedelta(days=1), time.min)
        end = calendar.plan_days(
            activity_type.delay_count, timezone.localize(tomorrow), compute_leaves=True
        )
        return end.date() if end else activity_type._get_date_deadline()

    def _quote_follow_up_type(self):
        """The shipped Quote Follow-up activity type: none when a consultant
        deleted it; archived, it plans nothing but its open activities close."""
        return (
            self.env.ref(
                "openfire_crm_stage.mail_activity_type_quote_follow_up",
                raise_if_not_found=False,
            )
            or self.env["mail.activity.type"]
        )


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_confirm(self):
        """A confirmed quote needs no follow-up."""
        res = super().action_confirm()
        # the follow-up is closed even on an opportunity the seller cannot see
        self.opportunity_id.sudo()._close_quote_follow_ups()
        return res
