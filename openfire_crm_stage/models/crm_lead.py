import logging
from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.sql import create_index

_logger = logging.getLogger(__name__)


class CrmLead(models.Model):
    _inherit = "crm.lead"

    # stale opportunities
    is_rotting = fields.Boolean(
        string="Stale",
        compute="_compute_rotting",
        search="_search_is_rotting",
        help="Open opportunity sitting in its stage longer than the stage's days to "
        "stale, with no activity planned today or later.",
    )
    rotting_days = fields.Integer(
        string="Days in Stage",
        compute="_compute_rotting",
        help="Whole days since the last stage change of a stale opportunity.",
    )

    def init(self):
        res = super().init()
        # The pipeline counts the stale opportunities of every column on each
        # load: this index answers the count without reading the table.
        create_index(
            self.env.cr,
            "crm_lead_stale_count_index",
            self._table,
            ["stage_id", "date_last_stage_update", "id"],
            where="active AND type = 'opportunity'",
        )
        return res

    # ------------------------------------------------------------
    # COMPUTE / ONCHANGE
    # ------------------------------------------------------------

    def _compute_probabilities(self):
        # Predictive lead scoring keeps suggesting its value everywhere, but owns
        # the probability only of leads whose stage does not set it.
        kept = {
            lead: lead.probability
            for lead in self
            if lead.active and lead.stage_id._sets_probability()
        }
        res = super()._compute_probabilities()
        for lead, probability in kept.items():
            lead.probability = probability
        return res

    def _pls_get_naive_bayes_probabilities(self, batch_mode=False):
        # PLS's cron writes in SQL the probability of every lead whose value equals
        # its suggestion: it never scores the leads whose stage sets it.
        probabilities = super()._pls_get_naive_bayes_probabilities(
            batch_mode=batch_mode
        )
        if batch_mode:
            for lead in self:
                if lead.active and lead.stage_id._sets_probability():
                    probabilities.pop(lead.id, None)
        return probabilities

    @api.depends(
        "active",
        "type",
        "date_last_stage_update",
        "stage_id.is_won",
        "stage_id.rotting_threshold_days",
        "activity_ids.date_deadline",
    )
    def _compute_rotting(self):
        now = self.env.cr.now()
        overdue = self.filtered(lambda lead: lead._is_past_stage_threshold(now))
        planned = {
            res_id
            for [res_id] in self.env["mail.activity"]
            .sudo()
            ._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", overdue._origin.ids),
                    *self._planned_activity_domain(),
                ],
                ["res_id"],
            )
        }
        for lead in self:
            lead.is_rotting = lead in overdue and lead._origin.id not in planned
            lead.rotting_days = (
                (now - lead.date_last_stage_update).days if lead.is_rotting else 0
            )

    def _search_is_rotting(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Opportunities can only be filtered as stale or not stale.")
            )
        stale = self._rotting_domain()
        return stale if (operator == "=") == value else ["!", *stale]

    @api.onchange("stage_id")
    def _onchange_stage_id_probability(self):
        """Show in the form the probability the stage gives on save."""
        if self.active and self.stage_id._sets_probability():
            self.probability = self.stage_id.probability

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads.browse(
            lead.id
            for lead, vals in zip(leads, vals_list, strict=True)
            if "probability" not in vals
        )._take_stage_probability()
        return leads

    def write(self, vals):
        """An opportunity entering a stage that sets the probability takes it:
        moved there, restored in it (lost, then restored) or converted from a lead
        in it. A probability written with the move is kept, and a lost opportunity
        keeps its 0 % wherever it is moved."""
        if "probability" in vals or not (
            vals.get("stage_id") or vals.get("active") or vals.get("type")
        ):
            return super().write(vals)
        stage = self.env["crm.stage"].browse(vals.get("stage_id"))
        lost = self.filtered(lambda lead: not lead.active)
        # each write gets its own copy: Odoo's write adds values to the one it gets
        if "active" not in vals and stage.is_won and lost:
            # Odoo gives 100 % to every lead moved into a won stage
            res = super(CrmLead, self - lost).write(dict(vals))
            super(CrmLead, lost).write(dict(vals))
            super(CrmLead, lost).write({"probability": 0, "automated_probability": 0})
            return res
        leads_by_probability = self.grouped(
            lambda lead: lead._probability_on_entry(vals)
        )
        res = True
        for probability, leads in leads_by_probability.items():
            leads_vals = dict(vals)
            if probability is not None:
                leads_vals["probability"] = probability
            res = super(CrmLead, leads).write(leads_vals) and res
        return res

    def _handle_won_lost(self, vals):
        """A won opportunity needs no quote follow-up (a lost one loses its
        activities in Odoo itself). crm's own hook: every way of winning, a write
        of a won stage or action_set_won, goes through it."""
        res = super()._handle_won_lost(vals)
        if (
            vals.get("stage_id")
            and self.env["crm.stage"].browse(vals["stage_id"]).is_won
        ):
            self._close_quote_follow_ups()
        return res

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

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

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _probability_on_entry(self, vals):
        """The probability this lead takes from ``write(vals)``: its stage's when the
        write makes it enter a stage that sets it, None otherwise."""
        self.ensure_one()
        active = vals.get("active", self.active)
        stage = self.env["crm.stage"].browse(vals.get("stage_id")) or self.stage_id
        entering = (
            stage != self.stage_id
            or (vals.get("active") and not self.active)
            or (vals.get("type") == "opportunity" and self.type == "lead")
        )
        if active and entering and stage._sets_probability():
            return stage.probability
        return None

    def _take_stage_probability(self):
        """Give these leads the probability of their stage, where it sets it."""
        for stage, leads in self.grouped("stage_id").items():
            if stage._sets_probability():
                leads.filtered("active").write({"probability": stage.probability})

    def _move_forward_to_stage(self, stage, document, rule_name):
        """Move these opportunities to ``stage`` because of ``document`` (a
        quotation, an activity, an email's record), as the automation rule
        ``rule_name`` says, and explain it in each opportunity's chatter.

        Only forward (to a stage of higher sequence), never a lead, a won or lost
        opportunity, only to a stage of the opportunity's team, and only when the
        user behind the event may edit it. A rule that cannot apply is skipped with
        a warning: the event itself always goes through."""
        if not stage:
            _logger.warning(
                "Automation rule %r skipped: its target stage was deleted.", rule_name
            )
            return
        opportunities = self.filtered(
            lambda lead: (
                lead.type == "opportunity"
                and lead.active
                and not lead.stage_id.is_won
                and lead.stage_id.sequence < stage.sequence
            )
        )
        other_team = opportunities.filtered(
            lambda lead: stage.team_id and stage.team_id != lead.team_id
        )
        if other_team:
            _logger.warning(
                "Automation rule %r skipped for opportunities %s: stage %r belongs "
                "to another sales team.",
                rule_name,
                other_team.ids,
                stage.name,
            )
        opportunities -= other_team
        writable = opportunities.with_env(opportunities.env(su=False))._filtered_access(
            "write"
        )
        if writable != opportunities:
            _logger.warning(
                "Automation rule %r skipped for opportunities %s: user %s may not "
                "edit them.",
                rule_name,
                (opportunities - writable).ids,
                self.env.user.login,
            )
        opportunities = opportunities.filtered(lambda lead: lead in writable)
        if not opportunities:
            return
        # the explanation becomes the body of the stage tracking message
        opportunities._track_set_log_message(
            Markup(
                self.env._(
                    "Moved to %(stage)s by the automation rule %(rule)s, "
                    "triggered by %(document)s."
                )
            )
            % {
                "stage": stage.name,
                "rule": rule_name,
                "document": document._get_html_link(),
            }
        )
        opportunities.write({"stage_id": stage.id})

    def _is_past_stage_threshold(self, now):
        """Open, in a stage with days to stale, and there longer than that."""
        self.ensure_one()
        threshold = self.stage_id.rotting_threshold_days
        return bool(
            self.active
            and self.type == "opportunity"
            and threshold
            and not self.stage_id.is_won
            and self.date_last_stage_update
            and self.date_last_stage_update < now - timedelta(days=threshold)
        )

    def _planned_activity_domain(self):
        """Activities keeping an opportunity fresh: due today or later (the user's
        today, as the activity widget shows it)."""
        return [
            ("active", "=", True),
            ("date_deadline", ">=", fields.Date.context_today(self)),
        ]

    @api.model
    def _rotting_domain(self):
        """The rule of ``_compute_rotting`` as a domain: one condition per distinct
        threshold, so the database filters the leads."""
        now = self.env.cr.now()
        stages = (
            self.env["crm.stage"]
            .sudo()
            .search_fetch(
                [("rotting_threshold_days", ">", 0), ("is_won", "=", False)],
                ["rotting_threshold_days"],
            )
        )
        if not stages:
            return expression.FALSE_DOMAIN
        in_stage_too_long = expression.OR(
            [
                ("stage_id", "in", group.ids),
                ("date_last_stage_update", "<", now - timedelta(days=days)),
            ]
            for days, group in stages.grouped("rotting_threshold_days").items()
        )
        return expression.AND(
            [
                [("type", "=", "opportunity"), ("active", "=", True)],
                in_stage_too_long,
                [("activity_ids", "not any", self._planned_activity_domain())],
            ]
        )

    def _schedule_quote_follow_up(self):
        """Plan a quote follow-up on each opportunity, or move its open one to the
        new date: a quote sent again never piles up follow-ups. Its delay and
        assignee are the activity type's, so that they are set without code."""
        activity_type = self._quote_follow_up_type()
        if not activity_type:
            return
        for lead in self.filtered(
            lambda lead: lead.active and not lead.stage_id.is_won
        ):
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

    def _quote_follow_up_type(self):
        """The shipped Quote Follow-up activity type; none when a consultant
        deleted it, and then nothing is planned nor closed."""
        activity_type = self.env.ref(
            "openfire_crm_stage.mail_activity_type_quote_follow_up",
            raise_if_not_found=False,
        )
        if not activity_type:
            _logger.warning("Quote follow-up skipped: its activity type was deleted.")
        return activity_type
