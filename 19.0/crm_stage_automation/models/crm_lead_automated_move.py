import logging

from markupsafe import Markup

from odoo import models

_logger = logging.getLogger(__name__)


class CrmLead(models.Model):
    """Stage changes made by automation rules (*Move Opportunity Forward*)."""

    _inherit = "crm.lead"

    def _move_forward_to_stage(self, stage, documents, rule_name):
        """Move these opportunities to ``stage`` as the automation rule
        ``rule_name`` says, in one write, and explain in each opportunity's
        chatter the document behind its move (``documents``: {opportunity ID: a
        quotation, an activity, an email's record}).

        Only forward (to a stage of higher sequence), never a lead, a won or lost
        opportunity, only to a stage its company and sales team may use, and only
        when the user behind the event may edit it. A move that cannot apply is
        skipped with a warning, or with a note in the chatter by an addon
        filtering the moves (``_filter_movable_to_stage``): the event itself goes
        through."""
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
                and stage._comes_after(lead.stage_id)
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
        opportunities = opportunities._filter_movable_to_stage(
            stage, documents, rule_name
        )
        # another module's refusal refuses the event, as an Update Record rule's
        # would. The rules this move triggers in turn keep their checks.
        opportunities.write({"stage_id": stage.id})
        opportunities._log_automated_move(stage, documents, rule_name)

    def _filter_movable_to_stage(self, stage, documents, rule_name):
        """Those of these opportunities the rule ``rule_name`` moves to ``stage``;
        all of them here. An addon skipping some (what a stage requires…)
        overrides this, and says in their chatter why they stay."""
        return self

    def _log_automated_move(self, stage, documents, rule_name):
        """One note in the chatter of each moved opportunity: the rule and the
        document behind its move (``documents``: {opportunity ID: a quotation,
        an activity, an email's record})."""
        message = Markup(
            self.env._(
                "Moved to %(stage)s by the automation rule %(rule)s, "
                "triggered by %(document)s."
            )
        )
        self._message_log_batch(
            {
                lead.id: message
                % {
                    "stage": stage.name,
                    "rule": rule_name,
                    "document": documents[lead.id]._get_html_link(),
                }
                for lead in self
            }
        )

    def _filter_stage_users(self, stage):
        """Those of these opportunities whose company and sales team may use
        ``stage``: crm's rule for a stage's sales teams, and Odoo's company check
        when stages have a company."""
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
