import logging

from markupsafe import Markup

from odoo import models

_logger = logging.getLogger(__name__)


class CrmLead(models.Model):
    """Stage changes made by automation rules (*Move Opportunity Forward*)."""

    _inherit = "crm.lead"

    def _move_forward_to_stage(self, stage, document, rule_name):
        """Move these opportunities to ``stage`` because of ``document`` (a
        quotation, an activity, an email's record), as the automation rule
        ``rule_name`` says, and explain it in each opportunity's chatter.

        Only forward (to a stage of higher sequence), never a lead, a won or lost
        opportunity, only to a stage its company and sales team may use, and only
        when the user behind the event may edit it. A move that cannot apply is
        skipped with a warning: the event itself always goes through."""
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
        opportunities = opportunities._skip_unless(
            opportunities._filter_stage_users(stage),
            rule_name,
            f"stage {stage.name!r} is not used by their company or sales team",
        )
        writable = opportunities.with_env(opportunities.env(su=False))._filtered_access(
            "write"
        )
        opportunities = opportunities._skip_unless(
            opportunities.filtered(lambda lead: lead in writable),
            rule_name,
            f"user {self.env.user.login} may not edit them",
        )
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

    def _track_set_log_message(self, message):
        """Explanations of one save read one after the other: the explanation of
        a move stays when another change adds its own, as sale_crm does when a
        confirmed quote updates the expected revenue."""
        # mail keeps one body per record until the end of the transaction
        pending = self.env.cr.precommit.data.get(
            f"mail.tracking.message.{self._name}", {}
        )
        joined = self.filtered(lambda lead: pending.get(lead.id) not in (None, message))
        for lead in joined:
            super(CrmLead, lead)._track_set_log_message(pending[lead.id] + message)
        return super(CrmLead, self - joined)._track_set_log_message(message)

    def _filter_stage_users(self, stage):
        """Those of these opportunities whose company and sales team may use
        ``stage``: crm's rule for teams (which OCA's multi-team stages extend) and
        Odoo's company check when stages have a company."""
        company_domain = (
            stage._check_company_domain if "company_id" in stage._fields else None
        )
        users = self.browse()
        for (_team, company), leads in self.grouped(
            lambda lead: (lead.team_id, lead.company_id)
        ).items():
            domain = [("id", "=", stage.id)]
            if company_domain:
                domain += company_domain(company)
            if leads[:1]._stage_find(domain=domain):
                users |= leads
        return users

    def _skip_unless(self, kept, rule_name, reason):
        """``kept``, after logging why the rule skips the others."""
        if kept != self:
            _logger.warning(
                "Automation rule %r skipped for opportunities %s: %s.",
                rule_name,
                (self - kept).ids,
                reason,
            )
        return kept
