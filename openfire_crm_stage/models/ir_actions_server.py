import logging

from markupsafe import Markup

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

PENDING_MOVES_KEY = "openfire_crm_stage.pending_stage_moves"


class IrActionsServer(models.Model):
    _inherit = "ir.actions.server"

    state = fields.Selection(
        selection_add=[("crm_stage", "Move Opportunity Forward")],
        ondelete={"crm_stage": "cascade"},
    )
    crm_stage_id = fields.Many2one(
        "crm.stage",
        string="Target Stage",
        ondelete="set null",
        help="Stage the related opportunity moves to. It only moves forward (to a "
        "stage of higher sequence), never when won or lost, and only to a stage "
        "its sales team can use.",
    )

    @api.depends("crm_stage_id.name")
    def _compute_name(self):
        res = super()._compute_name()
        for action in self.filtered(
            lambda a: a.base_automation_id and a.state == "crm_stage"
        ):
            action.name = self.env._(
                "Move the opportunity forward to %(stage)s",
                stage=action.crm_stage_id.name or self.env._("(no stage)"),
            )
        return res

    def _run_action_crm_stage_multi(self, eval_context=None):
        self._queue_stage_moves(eval_context["records"])
        return False

    def _queue_stage_moves(self, records):
        """Events come one by one (each quotation, activity or email): their moves
        are checked and applied once for the whole transaction, just before commit.
        Each event's opportunity is noted now: an activity marked as done at once
        is gone by then."""
        self.ensure_one()
        rule_name = self.base_automation_id.name or self.name
        if self.groups_id and not self.groups_id & self.env.user.groups_id:
            _logger.warning(
                "Automation rule %r skipped: restricted to other user groups.",
                rule_name,
            )
            return
        if not hasattr(records, "_stage_automation_opportunities"):
            _logger.warning(
                "Automation rule %r skipped: %s has no opportunity.",
                rule_name,
                records._name,
            )
            return
        pending = self.env.cr.precommit.data.setdefault(PENDING_MOVES_KEY, {})
        if not pending:
            self.env.cr.precommit.add(self._apply_pending_stage_moves)
        sources_by_lead = pending.setdefault(self.id, {})
        for lead, source in records._stage_automation_opportunities():
            # the first event explains the move
            sources_by_lead.setdefault(
                lead.id, (source._name, source.id, source.display_name)
            )

    @api.model
    def _apply_pending_stage_moves(self):
        pending = self.env.cr.precommit.data.pop(PENDING_MOVES_KEY, {})
        for action_id, sources_by_lead in pending.items():
            action = self.browse(action_id)
            try:
                action._move_opportunities(sources_by_lead)
            except Exception:
                # a move must never block the quote, the activity or the email;
                # a rule deleted since its event is simply skipped
                if action.exists():
                    _logger.exception(
                        "Automation rule %r could not move its opportunities",
                        action.name,
                    )
        self.env.flush_all()

    def _move_opportunities(self, sources_by_lead):
        """Move forward the opportunities of ``sources_by_lead`` ({lead id: (model,
        id, name) of the event's record}), explaining each move in the chatter."""
        self.ensure_one()
        rule_name = self.base_automation_id.name or self.name
        stage = self.crm_stage_id
        if not stage:
            _logger.warning(
                "Automation rule %r skipped: its target stage was deleted.", rule_name
            )
            return
        movable = self.env["crm.lead"]
        for lead in self.env["crm.lead"].browse(sources_by_lead).exists():
            if lead.type != "opportunity" or not lead.active or lead.stage_id.is_won:
                continue
            if lead.stage_id.sequence >= stage.sequence:
                continue
            if stage.team_id and stage.team_id != lead.team_id:
                _logger.warning(
                    "Automation rule %r skipped for %s: "
                    "stage %r belongs to another sales team.",
                    rule_name,
                    lead.display_name,
                    stage.name,
                )
                continue
            movable += lead
        if not movable:
            return
        explanation = Markup(
            self.env._(
                "Moved to %(stage)s by the automation rule %(rule)s, "
                "triggered by %(document)s."
            )
        )
        documents = self._document_references(
            [sources_by_lead[lead.id] for lead in movable]
        )
        # the checks above only read: the savepoint is needed for the writes alone
        with self.env.cr.savepoint():
            # the explanation becomes the body of the stage tracking message
            for lead in movable:
                lead._track_set_log_message(
                    explanation
                    % {
                        "stage": stage.name,
                        "rule": rule_name,
                        "document": documents[sources_by_lead[lead.id]],
                    }
                )
            movable.write({"stage_id": stage.id})

    @api.model
    def _document_references(self, sources):
        """A link the chatter opens for each (model, id, name) still in the
        database, the bare name for the others (an activity already done)."""
        ids_by_model = {}
        for model_name, record_id, _name in sources:
            ids_by_model.setdefault(model_name, []).append(record_id)
        existing = {
            (model_name, record_id)
            for model_name, ids in ids_by_model.items()
            for record_id in self.env[model_name].browse(ids).exists().ids
        }
        return {
            (model_name, record_id, name): (
                Markup('<a href="#" data-oe-model="%s" data-oe-id="%s">%s</a>')
                % (model_name, record_id, name)
                if (model_name, record_id) in existing
                else name
            )
            for model_name, record_id, name in sources
        }
