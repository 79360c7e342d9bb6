from odoo import fields, models, tools
from odoo.tools import SQL


class CrmStageConversion(models.Model):
    """One row per opportunity and stage it entered, however many times it
    entered it: where it went from there and how it ended. Averaged over the
    rows, the 0/100 measures give percentages."""

    _name = "crm.stage.conversion"
    _inherit = "crm.stage.history"
    _description = "Stage Conversion"
    _auto = False
    _order = "date_in desc, id desc"

    date_in = fields.Datetime(
        string="Entered On",
        readonly=True,
        help="The first time the opportunity entered the stage.",
    )
    entered_count = fields.Integer(
        string="Entered",
        readonly=True,
        help="Opportunities that entered the stage, each counted once.",
    )
    moved_on_count = fields.Integer(
        string="Moved On",
        readonly=True,
        help="Opportunities that went on to a stage further in the pipeline, won "
        "included. A deleted stage's place is unknown: leaving it for any stage "
        "counts.",
    )
    won_count = fields.Integer(string="Won", readonly=True)
    lost_count = fields.Integer(string="Lost", readonly=True)
    open_count = fields.Integer(string="Still Open", readonly=True)
    conversion = fields.Float(
        string="Conversion to Next (%)",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
        help="Share of the opportunities that entered the stage and moved on to a "
        "stage further in the pipeline. A won stage ends the pipeline: nothing "
        "moves on from it, and it is left out of the totals.",
    )
    win_rate = fields.Float(
        string="Won from Here (%)",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
        help="Share of the closed opportunities that entered the stage and were "
        "won; the open ones are left out until they are won or lost.",
    )
    days = fields.Float(
        string="Days in Stage",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
        help="Days the opportunity spent in the stage, every stay in it added up "
        "(until today while it is still there); grouped, the average.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(view)s AS (
                    WITH stays AS (
                        SELECT stay.*,
                               stage.sequence,
                               -- the furthest stage entered afterwards, and how many
                               MAX(stage.sequence) OVER later AS later_sequence,
                               COUNT(*) OVER later AS later_stays
                          FROM (%(stays)s) stay
                          LEFT JOIN crm_stage stage ON stage.id = stay.stage_id
                         WHERE stage.id IS NOT NULL OR stay.tracked_name != ''
                        WINDOW later AS (
                            PARTITION BY stay.lead_id ORDER BY stay.position DESC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
                        )
                    ), entries AS (
                        SELECT MIN(id) AS id,
                               lead_id,
                               stage_id,
                               -- the opportunity's own, the same in each stay
                               MIN(team_id) AS team_id,
                               MIN(user_id) AS user_id,
                               MIN(company_id) AS company_id,
                               MIN(outcome) AS outcome,
                               MIN(date_in) AS date_in,
                               SUM(days) AS days,
                               -- a deleted stage's (the same but for a rename)
                               MAX(tracked_name) AS tracked_name,
                               COALESCE(BOOL_OR(later_sequence > sequence), FALSE)
                                   AS moved_forward,
                               BOOL_OR(later_stays > 0) AS moved_away
                          FROM stays
                         GROUP BY lead_id, stage_id
                    )
                    SELECT entry.id,
                           entry.lead_id,
                           stage.id AS stage_id,
                           %(stage_tracked_id)s AS stage_tracked_id,
                           entry.team_id,
                           entry.user_id,
                           entry.company_id,
                           entry.date_in,
                           entry.days,
                           entry.outcome,
                           1 AS entered_count,
                           moved_on::int AS moved_on_count,
                           (entry.outcome = 'won')::int AS won_count,
                           (entry.outcome = 'lost')::int AS lost_count,
                           (entry.outcome = 'open')::int AS open_count,
                           CASE WHEN stage.is_won THEN NULL ELSE moved_on::int * 100
                           END AS conversion,
                           CASE entry.outcome WHEN 'won' THEN 100 WHEN 'lost' THEN 0
                           END AS win_rate
                      FROM entries entry
                      LEFT JOIN crm_stage stage ON stage.id = entry.stage_id
                     -- a stage deleted since has no place in the pipeline left
                     CROSS JOIN LATERAL (
                           SELECT CASE WHEN stage.id IS NULL THEN entry.moved_away
                                       ELSE entry.moved_forward
                                  END AS moved_on
                     ) moved
                )
                """,
                view=SQL.identifier(self._table),
                stage_tracked_id=self._stage_tracked_id_sql(
                    "stage", SQL("entry.tracked_name")
                ),
                stays=self._stays_query(),
            )
        )
