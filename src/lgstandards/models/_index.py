"""Where the record model of each version is: written by `lgstandards.models.build`."""

#: `id@x.y.z` to the module and class of its record model.
MODELS: dict[str, tuple[str, str]] = {
    "common@1.0.0": (
        "lgstandards.models.common.v1_0_0",
        "Common",
    ),
    "common@1.1.0": (
        "lgstandards.models.common.v1_1_0",
        "Common",
    ),
    "common@2.0.0": (
        "lgstandards.models.common.v2_0_0",
        "Common",
    ),
    "planning-application-register@1.0.0": (
        "lgstandards.models.planning_application_register.v1_0_0",
        "PlanningApplicationRegister",
    ),
    "planning-application-register@2.0.0": (
        "lgstandards.models.planning_application_register.v2_0_0",
        "PlanningApplicationRegister",
    ),
    "street-reports-api@1.0.0": (
        "lgstandards.models.street_reports_api.v1_0_0",
        "StreetReportsApi",
    ),
    "street-reports-api@2.0.0": (
        "lgstandards.models.street_reports_api.v2_0_0",
        "StreetReportsApi",
    ),
    "waste-bulky-booking@1.0.0": (
        "lgstandards.models.waste_bulky_booking.v1_0_0",
        "WasteBulkyBooking",
    ),
    "waste-bulky-booking@1.1.0": (
        "lgstandards.models.waste_bulky_booking.v1_1_0",
        "WasteBulkyBooking",
    ),
    "waste-collections-api@1.0.0": (
        "lgstandards.models.waste_collections_api.v1_0_0",
        "WasteCollectionsApi",
    ),
    "waste-collections-api@2.0.0": (
        "lgstandards.models.waste_collections_api.v2_0_0",
        "WasteCollectionsApi",
    ),
    "waste-common@1.0.0": (
        "lgstandards.models.waste_common.v1_0_0",
        "WasteCommon",
    ),
    "waste-container-request@1.0.0": (
        "lgstandards.models.waste_container_request.v1_0_0",
        "WasteContainerRequest",
    ),
    "waste-disruption-notice@1.0.0": (
        "lgstandards.models.waste_disruption_notice.v1_0_0",
        "WasteDisruptionNotice",
    ),
    "waste-garden-subscription@1.0.0": (
        "lgstandards.models.waste_garden_subscription.v1_0_0",
        "WasteGardenSubscription",
    ),
    "waste-missed-collection-report@1.0.0": (
        "lgstandards.models.waste_missed_collection_report.v1_0_0",
        "WasteMissedCollectionReport",
    ),
    "waste-missed-collection-report@1.1.0": (
        "lgstandards.models.waste_missed_collection_report.v1_1_0",
        "WasteMissedCollectionReport",
    ),
    "waste-property-schedule@1.0.0": (
        "lgstandards.models.waste_property_schedule.v1_0_0",
        "WastePropertySchedule",
    ),
    "waste-property-schedule@2.0.0": (
        "lgstandards.models.waste_property_schedule.v2_0_0",
        "WastePropertySchedule",
    ),
    "waste-service-catalogue@1.0.0": (
        "lgstandards.models.waste_service_catalogue.v1_0_0",
        "WasteServiceCatalogue",
    ),
    "waste-service-catalogue@2.0.0": (
        "lgstandards.models.waste_service_catalogue.v2_0_0",
        "WasteServiceCatalogue",
    ),
}
