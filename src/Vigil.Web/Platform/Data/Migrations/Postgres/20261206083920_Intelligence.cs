using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Intelligence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IntelligenceReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    Assessment = table.Column<int>(type: "integer", nullable: false),
                    Handling = table.Column<int>(type: "integer", nullable: false),
                    HandlingConditions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    LegacyGrading = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    InformationDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ReportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedById = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ReviewDue = table.Column<DateOnly>(type: "date", nullable: false),
                    GradingNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ReceivedFrom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "boolean", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntelligenceReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntelligenceReports_AccessLabels_AccessLabelId",
                        column: x => x.AccessLabelId,
                        principalTable: "AccessLabels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IntelligenceSourceDetails",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    SourceReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Handler = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HowObtained = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "boolean", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntelligenceSourceDetails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntelligenceSourceDetails_AccessLabels_AccessLabelId",
                        column: x => x.AccessLabelId,
                        principalTable: "AccessLabels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IntelligenceDisseminations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    ToUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToPartnerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Recipient = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Conditions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CopyId = table.Column<Guid>(type: "uuid", nullable: true),
                    PartnerAcknowledgedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntelligenceDisseminations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntelligenceDisseminations_IntelligenceReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "IntelligenceReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntelligenceReportEntities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Normalised = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    Link = table.Column<int>(type: "integer", nullable: false),
                    LinkNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Provenance = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AddedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntelligenceReportEntities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntelligenceReportEntities_IntelligenceReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "IntelligenceReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntelligenceReportGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntelligenceReportGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntelligenceReportGroups_IntelligenceReports_RecordId",
                        column: x => x.RecordId,
                        principalTable: "IntelligenceReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntelligenceReportInvestigations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InvestigationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OperationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LinkedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntelligenceReportInvestigations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntelligenceReportInvestigations_IntelligenceReports_Report~",
                        column: x => x.ReportId,
                        principalTable: "IntelligenceReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntelligenceReportReleases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntelligenceReportReleases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntelligenceReportReleases_IntelligenceReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "IntelligenceReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SourceDetailsGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceDetailsGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SourceDetailsGroups_IntelligenceSourceDetails_RecordId",
                        column: x => x.RecordId,
                        principalTable: "IntelligenceSourceDetails",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceDisseminations_CopyId",
                table: "IntelligenceDisseminations",
                column: "CopyId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceDisseminations_ReportId",
                table: "IntelligenceDisseminations",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReportEntities_Kind_Normalised",
                table: "IntelligenceReportEntities",
                columns: new[] { "Kind", "Normalised" });

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReportEntities_ReportId",
                table: "IntelligenceReportEntities",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReportEntities_SubjectId",
                table: "IntelligenceReportEntities",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReportGroups_RecordId_GroupId",
                table: "IntelligenceReportGroups",
                columns: new[] { "RecordId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReportInvestigations_InvestigationId",
                table: "IntelligenceReportInvestigations",
                column: "InvestigationId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReportInvestigations_ReportId",
                table: "IntelligenceReportInvestigations",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReportReleases_ReportId",
                table: "IntelligenceReportReleases",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReports_AccessLabelId",
                table: "IntelligenceReports",
                column: "AccessLabelId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReports_OwningUnitId",
                table: "IntelligenceReports",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReports_OwningUnitId_State_ReviewDue",
                table: "IntelligenceReports",
                columns: new[] { "OwningUnitId", "State", "ReviewDue" });

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceReports_Reference",
                table: "IntelligenceReports",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceSourceDetails_AccessLabelId",
                table: "IntelligenceSourceDetails",
                column: "AccessLabelId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceSourceDetails_OwningUnitId",
                table: "IntelligenceSourceDetails",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_IntelligenceSourceDetails_ReportId",
                table: "IntelligenceSourceDetails",
                column: "ReportId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SourceDetailsGroups_RecordId_GroupId",
                table: "SourceDetailsGroups",
                columns: new[] { "RecordId", "GroupId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IntelligenceDisseminations");

            migrationBuilder.DropTable(
                name: "IntelligenceReportEntities");

            migrationBuilder.DropTable(
                name: "IntelligenceReportGroups");

            migrationBuilder.DropTable(
                name: "IntelligenceReportInvestigations");

            migrationBuilder.DropTable(
                name: "IntelligenceReportReleases");

            migrationBuilder.DropTable(
                name: "SourceDetailsGroups");

            migrationBuilder.DropTable(
                name: "IntelligenceReports");

            migrationBuilder.DropTable(
                name: "IntelligenceSourceDetails");
        }
    }
}
