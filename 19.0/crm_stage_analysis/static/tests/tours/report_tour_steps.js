/** Steps shared by the reports' tours. */
import { stepUtils } from "@web_tour/tour_utils";

/** From the home menu, CRM › Reporting › the report of MENU (an xmlid). */
export function openCrmReport(menu, reporting, report) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "open CRM",
            trigger: '.o_app[data-menu-xmlid="crm.crm_menu_root"]',
            run: "click",
        },
        {
            content: "open the reporting menu",
            trigger: `.dropdown-toggle[data-menu-xmlid="crm.crm_menu_report"]:contains(${reporting})`,
            run: "click",
        },
        {
            trigger: `.dropdown-item[data-menu-xmlid="${menu}"]:contains(${report})`,
            run: "click",
        },
    ];
}

/** Keep the opportunities of the tours' sales team, searched by its label. */
export function keepTheTeam(teamLabel) {
    return [
        {
            content: "keep the user's team",
            trigger: ".o_searchview_input",
            run: "edit Brittany installers",
        },
        {
            trigger: `.o_searchview_autocomplete .o-dropdown-item:contains("${teamLabel}")`,
            run: "click",
        },
    ];
}
