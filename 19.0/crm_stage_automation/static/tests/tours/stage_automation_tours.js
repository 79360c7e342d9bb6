/** @odoo-module **/
/**
 * A sales administrator sets up stage automation from the stages themselves,
 * then a sales rep sees it work, in English and in French: the labels are what
 * the user reads, so a missing translation fails the French tour. The data
 * comes from tests/test_stage_automation_tours.py.
 */
import { registry } from "@web/core/registry";

// the test's own stages keep their names in both languages
const STAGES = { inquiry: "Inquiry", survey: "Site Survey", signed: "Signed" };
const LABELS = {
    en: {
        ...STAGES,
        edit: "Edit",
        moveHere: "Move Opportunities Here When…",
        onEntry: "When an Opportunity Enters This Stage…",
        meetingPlanned: "A meeting is planned",
        planActivity: "Plan an activity",
        call: "Call",
    },
    fr: {
        ...STAGES,
        edit: "Modifier",
        moveHere: "Amener les opportunités ici quand…",
        onEntry: "Quand une opportunité entre dans cette étape…",
        meetingPlanned: "Un rendez-vous est planifié",
        planActivity: "Planifier une activité",
        call: "Appeler",
    },
};

const PIPELINE = ".o_opportunity_kanban";

function column(title) {
    return `${PIPELINE} .o_kanban_group:has(.o_column_title:contains(/^${title}(\\s|$)/))`;
}

function card(name) {
    return `.o_kanban_record:contains(${name})`;
}

function editColumn(title, l) {
    return [
        {
            content: `open the settings of the column ${title}`,
            trigger: `${column(title)} .o_kanban_header_title`,
            run: `hover && click ${column(title)} .o_group_config button`,
        },
        {
            trigger: `.o-dropdown--group-config-menu .dropdown-item:contains(${l.edit})`,
            run: "click",
        },
    ];
}

function addLine(field, label) {
    return [
        {
            content: `the section ${label}`,
            trigger: `.modal .o_form_view label:contains(${label})`,
        },
        {
            trigger: `.modal div[name=${field}] .o_field_x2many_list_row_add a`,
            run: "click",
        },
    ];
}

function pickOption(content, field, cell, label) {
    return [
        {
            content,
            trigger: `.modal div[name=${field}] .o_selected_row td[name=${cell}] .o_select_menu_toggler`,
            run: "click",
        },
        {
            trigger: `.o_select_menu_menu .o_select_menu_item:contains(${label})`,
            run: "click",
        },
        {
            content: "shown before leaving the field: left empty, it is cleared",
            trigger: `.modal div[name=${field}] .o_selected_row td[name=${cell}] input:value("${label}")`,
        },
    ];
}

function managerSteps(l) {
    return [
        ...editColumn(l.signed, l),
        ...addLine("move_automation_ids", l.moveHere),
        ...pickOption(
            "opportunities come here when a meeting is planned",
            "move_automation_ids",
            "event",
            l.meetingPlanned
        ),
        { trigger: ".modal .o_form_button_save", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        ...editColumn(l.survey, l),
        ...addLine("entry_automation_ids", l.onEntry),
        ...pickOption(
            "an opportunity entering the stage gets an activity",
            "entry_automation_ids",
            "entry_action",
            l.planActivity
        ),
        {
            content: "a call",
            trigger: ".modal div[name=entry_automation_ids] .o_selected_row td[name=activity_type_id] input",
            run: `edit ${l.call}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item a:contains(/^${l.call}$/)`,
            run: "click",
        },
        {
            content: "in 2 days",
            trigger: ".modal div[name=entry_automation_ids] .o_selected_row td[name=delay_days] input",
            run: "edit 2",
        },
        { trigger: ".modal .o_form_button_save", run: "click" },
        { trigger: "body:not(:has(.modal))" },
    ];
}

function repSteps(l) {
    return [
        {
            content: "the rep moves an opportunity into the survey column",
            trigger: `${column(l.inquiry)} ${card("School fire alarm")}`,
            run: `drag_and_drop(${column(l.survey)})`,
        },
        {
            content: "the call appears on its card",
            trigger: `${column(l.survey)} ${card("School fire alarm")} .o-mail-ActivityButton i.fa-phone`,
        },
    ];
}

for (const lang of ["en", "fr"]) {
    registry.category("web_tour.tours").add(`crm_stage_automation_manager_${lang}`, {
        steps: () => managerSteps(LABELS[lang]),
    });
    registry.category("web_tour.tours").add(`crm_stage_automation_rep_${lang}`, {
        steps: () => repSteps(LABELS[lang]),
    });
}
