using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProtectPrepare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActSiteLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EnhancedTier = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActSiteLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActSiteLinks_ActReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ActReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AwarenessSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: true),
                    Site = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Sector = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Attendees = table.Column<int>(type: "integer", nullable: false),
                    DeliveredBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwarenessSessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MilitarySupportRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Operation = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Personnel = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MilitarySupportRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PlanActivations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ActivatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActivatedByChangeId = table.Column<Guid>(type: "uuid", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StoodDownAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StoodDownByChangeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanActivations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProtectSites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Postcode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    District = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Sector = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    EntryChecks = table.Column<bool>(type: "boolean", nullable: false),
                    OwnerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ResponsiblePerson = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ResponsibleContact = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    DesignatedSeniorIndividual = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SiaNotifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SecurityDocumentVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SecurityDocumentDate = table.Column<DateOnly>(type: "date", nullable: true),
                    RiskAssessmentVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RiskAssessmentDate = table.Column<DateOnly>(type: "date", nullable: true),
                    AdviserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Adviser = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "boolean", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProtectSites", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProtectSites_AccessLabels_AccessLabelId",
                        column: x => x.AccessLabelId,
                        principalTable: "AccessLabels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ThreatLevelChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Scope = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Level = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedById = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Basis = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreatLevelChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ThreatPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreatPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MilitaryDeployments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: true),
                    Site = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Personnel = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MilitaryDeployments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MilitaryDeployments_MilitarySupportRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "MilitarySupportRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanActivationSteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    OwnerRole = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EvidenceExpected = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DoneBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ActivationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanActivationSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanActivationSteps_PlanActivations_ActivationId",
                        column: x => x.ActivationId,
                        principalTable: "PlanActivations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProtectAssessments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Adviser = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Deter = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Detect = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Delay = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Respond = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    NextVisitDue = table.Column<DateOnly>(type: "date", nullable: true),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProtectAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProtectAssessments_ProtectSites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "ProtectSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProtectRecommendations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    AssessmentNumber = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Priority = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OwnerAtSite = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CompletedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProtectRecommendations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProtectRecommendations_ProtectSites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "ProtectSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProtectSiteGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProtectSiteGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProtectSiteGroups_ProtectSites_RecordId",
                        column: x => x.RecordId,
                        principalTable: "ProtectSites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ThreatPlanSteps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    OwnerRole = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DeadlineHours = table.Column<int>(type: "integer", nullable: false),
                    Evidence = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThreatPlanSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThreatPlanSteps_ThreatPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "ThreatPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActSiteLinks_ReportId_SiteId",
                table: "ActSiteLinks",
                columns: new[] { "ReportId", "SiteId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActSiteLinks_SiteId",
                table: "ActSiteLinks",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_AwarenessSessions_UnitId_On",
                table: "AwarenessSessions",
                columns: new[] { "UnitId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_MilitaryDeployments_RequestId",
                table: "MilitaryDeployments",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_MilitarySupportRequests_RequestedAt",
                table: "MilitarySupportRequests",
                column: "RequestedAt");

            migrationBuilder.CreateIndex(
                name: "IX_PlanActivations_PlanId_Active",
                table: "PlanActivations",
                column: "PlanId",
                unique: true,
                filter: "\"StoodDownAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_PlanActivations_StoodDownAt_UnitId",
                table: "PlanActivations",
                columns: new[] { "StoodDownAt", "UnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanActivations_UnitId_ActivatedAt",
                table: "PlanActivations",
                columns: new[] { "UnitId", "ActivatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanActivationSteps_ActivationId",
                table: "PlanActivationSteps",
                column: "ActivationId");

            migrationBuilder.CreateIndex(
                name: "IX_ProtectAssessments_SiteId",
                table: "ProtectAssessments",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_ProtectRecommendations_SiteId",
                table: "ProtectRecommendations",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_ProtectSiteGroups_RecordId_GroupId",
                table: "ProtectSiteGroups",
                columns: new[] { "RecordId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProtectSites_AccessLabelId",
                table: "ProtectSites",
                column: "AccessLabelId");

            migrationBuilder.CreateIndex(
                name: "IX_ProtectSites_AdviserId",
                table: "ProtectSites",
                column: "AdviserId");

            migrationBuilder.CreateIndex(
                name: "IX_ProtectSites_District",
                table: "ProtectSites",
                column: "District");

            migrationBuilder.CreateIndex(
                name: "IX_ProtectSites_OwningUnitId",
                table: "ProtectSites",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ProtectSites_OwningUnitId_Name",
                table: "ProtectSites",
                columns: new[] { "OwningUnitId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_ProtectSites_Postcode",
                table: "ProtectSites",
                column: "Postcode");

            migrationBuilder.CreateIndex(
                name: "IX_ThreatLevelChanges_Scope_RecordedAt",
                table: "ThreatLevelChanges",
                columns: new[] { "Scope", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ThreatPlans_UnitId",
                table: "ThreatPlans",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ThreatPlanSteps_PlanId",
                table: "ThreatPlanSteps",
                column: "PlanId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActSiteLinks");

            migrationBuilder.DropTable(
                name: "AwarenessSessions");

            migrationBuilder.DropTable(
                name: "MilitaryDeployments");

            migrationBuilder.DropTable(
                name: "PlanActivationSteps");

            migrationBuilder.DropTable(
                name: "ProtectAssessments");

            migrationBuilder.DropTable(
                name: "ProtectRecommendations");

            migrationBuilder.DropTable(
                name: "ProtectSiteGroups");

            migrationBuilder.DropTable(
                name: "ThreatLevelChanges");

            migrationBuilder.DropTable(
                name: "ThreatPlanSteps");

            migrationBuilder.DropTable(
                name: "MilitarySupportRequests");

            migrationBuilder.DropTable(
                name: "PlanActivations");

            migrationBuilder.DropTable(
                name: "ProtectSites");

            migrationBuilder.DropTable(
                name: "ThreatPlans");
        }
    }
}
