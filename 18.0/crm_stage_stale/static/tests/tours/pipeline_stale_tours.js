/** @odoo-module **/
/**
 * Stale opportunities and weighted values in the pipeline, in English and in
 * French: the labels are what the user reads, so a missing translation fails
 * the French tour. The data comes from tests/test_pipeline_stale_tours.py.
 */
import { registry } from "@web/core/registry";

const LABELS = {
    en: {
        survey: "Site Survey",
        offer: "Offer",
        twelveDays: "12 days",
        stale: "Stale",
        staleCount: "Stale opportunities: 1.",
        weighted: "Weighted Revenue",
    },
    fr: {
        survey: "Relevé sur site",
        offer: "Offre",
        twelveDays: "12 jours",
        stale: "Stagnante",
        staleCount: "Opportunités stagnantes : 1.",
        weighted: "Revenu pondéré",
    },
};

const PIPELINE = ".o_opportunity_kanban";

function column(title) {
    return `${PIPELINE} .o_kanban_group:has(.o_column_title:contains(/^${title}\\b/))`;
}

function card(name) {
    return `.o_kanban_record:contains(${name})`;
}

function staleCount(title, l) {
    return `${column(title)} .o_crm_stage_stale_count[title^="${l.staleCount}"]`;
}

function weighted(title, l) {
    return `${column(title)} .o_crm_stage_weighted_revenue[title="${l.weighted}"]`;
}

function staleSteps(l) {
    return [
        {
            content: "the school's alarm has sat 12 days in Site Survey: marked stale",
            trigger: `${column(l.survey)} ${card("School fire alarm")} .o_crm_stage_stale_badge:contains(${l.twelveDays})`,
        },
        {
            content: "a card moved recently has no mark",
            trigger: `${column(l.survey)} ${card("Hotel smoke detectors")}:not(:has(.o_crm_stage_stale_badge))`,
        },
        {
            content: "the column counts its stale card; show only it",
            trigger: `${staleCount(l.survey, l)}:contains(1)`,
            run: "click",
        },
        {
            content: "the column shows its stale card only, with nothing more to load",
            trigger: `${column(l.survey)}:not(:has(${card("Hotel smoke detectors")})):not(:has(.o_kanban_load_more)) ${card("School fire alarm")}`,
        },
        { trigger: staleCount(l.survey, l), run: "click" },
        {
            content: "a second click shows every card again",
            trigger: `${column(l.survey)} ${card("Hotel smoke detectors")}`,
        },
        {
            trigger: ".o_control_panel_actions .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "filter the pipeline on stale opportunities",
            trigger: `.o_filter_menu .o_menu_item:contains(/^${l.stale}$/)`,
            run: "click",
        },
        {
            content: "only the stale cards remain, in every column",
            trigger: `${PIPELINE}:not(:has(${card("Hotel smoke detectors")})) ${card("Warehouse sprinklers")}`,
        },
        {
            trigger: `.o_searchview_facet:contains(${l.stale}) .o_facet_remove`,
            run: "click",
        },
        { trigger: `${PIPELINE} ${card("Hotel smoke detectors")}` },
        {
            content: "the offer column weighs 30% of 10,000",
            trigger: `${weighted(l.offer, l)}:contains(/^\\D*3\\D?000\\D*$/)`,
        },
        {
            content: "move the stale alarm to the offer column",
            trigger: `${column(l.survey)} ${card("School fire alarm")}`,
            run: `drag_and_drop(${column(l.offer)})`,
        },
        {
            content: "moved, it is no longer stale",
            trigger: `${column(l.offer)} ${card("School fire alarm")}:not(:has(.o_crm_stage_stale_badge))`,
        },
        {
            content: "its former column has no stale card left",
            trigger: `${column(l.survey)}:not(:has(.o_crm_stage_stale_count)) ${card("Hotel smoke detectors")}`,
        },
        {
            content: "the offer column now weighs 30% of 30,000",
            trigger: `${weighted(l.offer, l)}:contains(/^\\D*9\\D?000\\D*$/)`,
        },
        {
            content: "show only the stale cards of the offer column",
            trigger: `${staleCount(l.offer, l)}:contains(1)`,
            run: "click",
        },
        {
            trigger: `${column(l.offer)}:not(:has(${card("School fire alarm")})) ${card("Warehouse sprinklers")}`,
        },
        {
            content: "plan an activity on the stale warehouse sprinklers",
            trigger: `${column(l.offer)} ${card("Warehouse sprinklers")} .o-mail-ActivityButton`,
            run: "click",
        },
        { trigger: ".o-mail-ActivityListPopover > button.btn-secondary", run: "click" },
        {
            trigger: ".modal button[name=action_schedule_activities]",
            run: "click",
        },
        {
            content: "planned, it is no longer stale",
            trigger: `body:not(:has(.modal)) ${column(l.offer)} ${card("Warehouse sprinklers")}:not(:has(.o_crm_stage_stale_badge))`,
        },
        {
            content: "no column counts a stale card any more",
            trigger: `${PIPELINE}:not(:has(.o_crm_stage_stale_count)) ${card("Warehouse sprinklers")}`,
        },
        {
            content: "the column, with no stale card left, shows all its cards again",
            trigger: `${column(l.offer)} ${card("School fire alarm")}`,
        },
    ];
}

for (const [lang, labels] of Object.entries(LABELS)) {
    registry.category("web_tour.tours").add(`crm_stage_stale_${lang}`, {
        steps: () => staleSteps(labels),
    });
}
