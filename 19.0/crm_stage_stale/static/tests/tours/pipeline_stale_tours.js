/**
 * Rotting opportunities and weighted revenue in the pipeline, in English and in
 * French: the labels are what the user reads, so a missing translation fails
 * the French tour. The data comes from tests/test_pipeline_stale_tours.py: a
 * Tender column holds more rotting cards than a column loads at once.
 */
import { registry } from "@web/core/registry";

const LABELS = {
    en: {
        survey: "Site Survey",
        offer: "Offer",
        tender: "Tender",
        twelveDays: "12d",
        rotting: "Rotting",
        notRotting: "Not Rotting",
        weighted: "Weighted Revenue",
    },
    fr: {
        survey: "Relevé sur site",
        offer: "Offre",
        tender: "Consultation",
        twelveDays: "12j",
        rotting: "Inactivité",
        notRotting: "Sans inactivité",
        weighted: "Revenu pondéré",
    },
};

const PIPELINE = ".o_opportunity_kanban";
const TENDER_CARDS = 85;

function column(title) {
    return `${PIPELINE} .o_kanban_group:has(.o_column_title:contains(/^${title}\\b/))`;
}

function card(name) {
    return `.o_kanban_record:contains(${name})`;
}

function cardBadge(name) {
    return `${card(name)} .o_mail_resource_rotting_bg`;
}

function rottingCount(title, l) {
    return `${column(title)} .o_kanban_header .o_mail_resource_rotting_bg[title="${l.rotting}"]`;
}

function weighted(title, l) {
    return `${column(title)} .o_crm_stage_weighted_revenue [data-tooltip="${l.weighted}"]`;
}

function staleSteps(l) {
    return [
        {
            content: "the school's alarm has sat 12 days in Site Survey: rotting",
            trigger: `${column(l.survey)} ${cardBadge("School fire alarm")}:contains(${l.twelveDays})`,
        },
        {
            content: "a card moved recently has no mark",
            trigger: `${column(l.survey)} ${card("Hotel smoke detectors")}:not(:has(.o_mail_resource_rotting_bg))`,
        },
        {
            content: "the column counts its rotting card",
            trigger: `${rottingCount(l.survey, l)}:contains(/^1$/)`,
        },
        {
            content: "the tender column counts all its rotting cards, not only the loaded ones",
            trigger: `${rottingCount(l.tender, l)}:contains(/^${TENDER_CARDS}$/)`,
            run: "click",
        },
        {
            content: "showing only them, it has more to load",
            trigger: `${column(l.tender)} .o_kanban_load_more button`,
            run: "click",
        },
        {
            content: "all of them are loaded",
            trigger: `${column(l.tender)}:not(:has(.o_kanban_load_more)) ${card("Tender lot 01")}`,
        },
        { trigger: rottingCount(l.tender, l), run: "click" },
        {
            trigger: ".o_control_panel_actions .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "filter the pipeline on the opportunities not rotting",
            trigger: `.o_filter_menu .o_menu_item:contains(/^${l.notRotting}$/)`,
            run: "click",
        },
        {
            content: "only the fresh cards remain, in every column",
            trigger: `${PIPELINE}:not(:has(${card("School fire alarm")})) ${card("Hotel smoke detectors")}`,
        },
        {
            trigger: `.o_searchview_facet:contains(${l.notRotting}) .o_facet_remove`,
            run: "click",
        },
        { trigger: `${PIPELINE} ${card("School fire alarm")}` },
        {
            content: "the offer column weighs 30% of 10,000",
            trigger: `${weighted(l.offer, l)}:contains(/^\\D*3\\D?000\\D*$/)`,
        },
        {
            content: "move the rotting alarm to the offer column",
            trigger: `${column(l.survey)} ${card("School fire alarm")}`,
            run: `drag_and_drop(${column(l.offer)})`,
        },
        {
            content: "moved, it is no longer rotting",
            trigger: `${column(l.offer)} ${card("School fire alarm")}:not(:has(.o_mail_resource_rotting_bg))`,
        },
        {
            content: "its former column has no rotting card left",
            trigger: `${column(l.survey)}:not(:has(.o_kanban_header .o_mail_resource_rotting_bg)) ${card("Hotel smoke detectors")}`,
        },
        {
            content: "the offer column now weighs 30% of 30,000",
            trigger: `${weighted(l.offer, l)}:contains(/^\\D*9\\D?000\\D*$/)`,
        },
        {
            content: "show only the rotting cards of the offer column",
            trigger: `${rottingCount(l.offer, l)}:contains(/^1$/)`,
            run: "click",
        },
        {
            trigger: `${column(l.offer)}:not(:has(${card("School fire alarm")})) ${card("Warehouse sprinklers")}`,
        },
        {
            content: "plan an activity on the rotting warehouse sprinklers",
            trigger: `${column(l.offer)} ${card("Warehouse sprinklers")} .o-mail-ActivityButton`,
            run: "click",
        },
        { trigger: ".o-mail-ActivityListPopover > button.btn-secondary", run: "click" },
        {
            trigger: ".modal button[name=action_schedule_activities]",
            run: "click",
        },
        {
            content: "planned, it is no longer rotting",
            trigger: `body:not(:has(.modal)) ${column(l.offer)} ${card("Warehouse sprinklers")}:not(:has(.o_mail_resource_rotting_bg))`,
        },
        {
            content: "the column counts no rotting card any more",
            trigger: `${column(l.offer)}:not(:has(.o_kanban_header .o_mail_resource_rotting_bg)) ${card("Warehouse sprinklers")}`,
        },
        {
            content: "the column, with no rotting card left, shows all its cards again",
            trigger: `${column(l.offer)} ${card("School fire alarm")}`,
        },
    ];
}

for (const [lang, labels] of Object.entries(LABELS)) {
    registry.category("web_tour.tours").add(`crm_stage_stale_${lang}`, {
        steps: () => staleSteps(labels),
    });
}
