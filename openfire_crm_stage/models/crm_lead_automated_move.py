import logging

from markupsafe import Markup

from odoo import models
from odoo.tools import format_list

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
        skipped with a warning, or, when the opportunity lacks what the stage
        requires, with a note in its chatter: the event itself goes through."""
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
        missing = opportunities._missing_stage_requirements(stage)
        if missing:
            unmet = opportunities.browse(lead.id for lead in missing)
            unmet._log_unmet_stage_requirements(missing, stage, documents, rule_name)
            opportunities -= unmet
        # another module's refusal refuses the event, as an Update Record rule's
        # would: a savepoint would post the save's pending tracking at once, in
        # two chatter messages (README, Known issues). No skip_stage_gates: the
        # rules this move triggers in turn keep their checks.
        opportunities.write({"stage_id": stage.id})
        # the body of each stage tracking message, posted at the commit
        for document, moved in opportunities.grouped(
            lambda lead: documents[lead.id]
        ).items():
            moved._track_set_log_message(
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

    def _log_unmet_stage_requirements(self, missing, stage, documents, rule_name):
        """Say in the chatter of each of these opportunities what it lacks to
        enter ``stage``, from ``missing`` ({opportunity: (field names, labels)})
        and ``documents`` ({opportunity ID: the document behind the move})."""
        message = Markup(
            self.env._(
                "Not moved to %(stage)s by the automation rule %(rule)s, triggered "
                "by %(document)s: it still needs %(missing)s."
            )
        )
        self._message_log_batch(
            {
                lead.id: message
                % {
                    "stage": stage.name,
                    "rule": rule_name,
                    "document": documents[lead.id]._get_html_link(),
                    "missing": format_list(self.env, labels),
                }
                for lead, (_names, labels) in missing.items()
            }
        )

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
            super(CrmLead, lead)._track_set_log_message(
                Markup("<br/>").join((pending[lead.id], message))
            )
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
