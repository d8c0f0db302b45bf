using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OperationsNational : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AdoptedSplits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FinancialYear = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Pence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdoptedSplits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdoptedSplits_Unit_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BudgetScenarios",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FinancialYear = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    TotalPence = table.Column<long>(type: "bigint", nullable: false),
                    IndicatorsMonth = table.Column<DateOnly>(type: "date", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetScenarios", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NationalSnapshots",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    TakenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Tables = table.Column<string>(type: "text", nullable: false),
                    Indicators = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NationalSnapshots", x => x.Month);
                });

            migrationBuilder.CreateTable(
                name: "SurgeIncidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LeadUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DeclaredBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "boolean", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurgeIncidents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurgeIncidents_AccessLabels_AccessLabelId",
                        column: x => x.AccessLabelId,
                        principalTable: "AccessLabels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SurgeIncidents_NeedToKnowGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "NeedToKnowGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SurgeIncidents_Unit_OwningUnitId",
                        column: x => x.OwningUnitId,
                        principalTable: "Unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnitCapacities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Capability = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Available = table.Column<int>(type: "integer", nullable: false),
                    MinimumCover = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitCapacities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnitCapacities_Unit_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BudgetScenarioWeights",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Indicator = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Weight = table.Column<decimal>(type: "numeric(9,3)", precision: 9, scale: 3, nullable: false),
                    ScenarioId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BudgetScenarioWeights", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BudgetScenarioWeights_BudgetScenarios_ScenarioId",
                        column: x => x.ScenarioId,
                        principalTable: "BudgetScenarios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SurgeIncidentGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurgeIncidentGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurgeIncidentGroups_SurgeIncidents_RecordId",
                        column: x => x.RecordId,
                        principalTable: "SurgeIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SurgeRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IncidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Capability = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Officers = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Where = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Priority = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WithdrawnReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Shortfall = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurgeRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurgeRequests_SurgeIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "SurgeIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SurgeRequests_Unit_RequestingUnitId",
                        column: x => x.RequestingUnitId,
                        principalTable: "Unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SurgeAllocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProposalId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    IncidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    GivingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    Capability = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Where = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProposedOfficers = table.Column<int>(type: "integer", nullable: false),
                    Officers = table.Column<int>(type: "integer", nullable: false),
                    Why = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ProposedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ArrivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StoodDownAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurgeAllocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurgeAllocations_SurgeRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "SurgeRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SurgeAllocations_Unit_GivingUnitId",
                        column: x => x.GivingUnitId,
                        principalTable: "Unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SurgeDeployedOfficers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NamedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AllocationId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurgeDeployedOfficers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SurgeDeployedOfficers_SurgeAllocations_AllocationId",
                        column: x => x.AllocationId,
                        principalTable: "SurgeAllocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdoptedSplits_FinancialYear_UnitId",
                table: "AdoptedSplits",
                columns: new[] { "FinancialYear", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AdoptedSplits_UnitId",
                table: "AdoptedSplits",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetScenarios_CreatedAt",
                table: "BudgetScenarios",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_BudgetScenarioWeights_ScenarioId",
                table: "BudgetScenarioWeights",
                column: "ScenarioId");

            migrationBuilder.CreateIndex(
                name: "IX_SurgeAllocations_GivingUnitId_To",
                table: "SurgeAllocations",
                columns: new[] { "GivingUnitId", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_SurgeAllocations_RequestId",
                table: "SurgeAllocations",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_SurgeAllocations_RequestingUnitId_To",
                table: "SurgeAllocations",
                columns: new[] { "RequestingUnitId", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_SurgeDeployedOfficers_AllocationId",
                table: "SurgeDeployedOfficers",
                column: "AllocationId");

            migrationBuilder.CreateIndex(
                name: "IX_SurgeDeployedOfficers_UserId",
                table: "SurgeDeployedOfficers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_SurgeIncidentGroups_RecordId_GroupId",
                table: "SurgeIncidentGroups",
                columns: new[] { "RecordId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurgeIncidents_AccessLabelId",
                table: "SurgeIncidents",
                column: "AccessLabelId");

            migrationBuilder.CreateIndex(
                name: "IX_SurgeIncidents_GroupId",
                table: "SurgeIncidents",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_SurgeIncidents_OwningUnitId",
                table: "SurgeIncidents",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_SurgeIncidents_StartedAt",
                table: "SurgeIncidents",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SurgeRequests_IncidentId",
                table: "SurgeRequests",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_SurgeRequests_RequestingUnitId",
                table: "SurgeRequests",
                column: "RequestingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_UnitCapacities_UnitId_Capability_To",
                table: "UnitCapacities",
                columns: new[] { "UnitId", "Capability", "To" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdoptedSplits");

            migrationBuilder.DropTable(
                name: "BudgetScenarioWeights");

            migrationBuilder.DropTable(
                name: "NationalSnapshots");

            migrationBuilder.DropTable(
                name: "SurgeDeployedOfficers");

            migrationBuilder.DropTable(
                name: "SurgeIncidentGroups");

            migrationBuilder.DropTable(
                name: "UnitCapacities");

            migrationBuilder.DropTable(
                name: "BudgetScenarios");

            migrationBuilder.DropTable(
                name: "SurgeAllocations");

            migrationBuilder.DropTable(
                name: "SurgeRequests");

            migrationBuilder.DropTable(
                name: "SurgeIncidents");
        }
    }
}
