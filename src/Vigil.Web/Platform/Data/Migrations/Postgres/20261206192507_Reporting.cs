using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Reporting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActDrafts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    KeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Answers = table.Column<string>(type: "text", nullable: false),
                    SentReference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    SentCode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    SentMessage = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActDrafts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FollowUpCodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ImmediateThreat = table.Column<bool>(type: "boolean", nullable: false),
                    Behaviour = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    BehaviourOther = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WhatHappened = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    SeenOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SeenAt = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    Online = table.Column<bool>(type: "boolean", nullable: false),
                    Postcode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    PlaceDescription = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    OnlineLink = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OnlineLinkKey = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AnythingElse = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    HasContact = table.Column<bool>(type: "boolean", nullable: false),
                    Force = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RoutedBecause = table.Column<string>(type: "character varying(1200)", maxLength: 1200, nullable: false),
                    Processed = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    HeldById = table.Column<Guid>(type: "uuid", nullable: true),
                    HeldBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HeldAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<int>(type: "integer", nullable: true),
                    OutcomeReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OutcomeDetail = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    TriagedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TriagedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IntelligenceReportId = table.Column<Guid>(type: "uuid", nullable: true),
                    IntelligenceReference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    InvestigationId = table.Column<Guid>(type: "uuid", nullable: true),
                    OperationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PreventReference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "boolean", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActReports_AccessLabels_AccessLabelId",
                        column: x => x.AccessLabelId,
                        principalTable: "AccessLabels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ActDraftFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DraftId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActDraftFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActDraftFiles_ActDrafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "ActDrafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActAttachments_ActReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ActReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActClusterLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    OtherId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActClusterLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActClusterLinks_ActReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ActReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActReportChecks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    What = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CheckReference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Subjects = table.Column<string>(type: "character varying(800)", maxLength: 800, nullable: false),
                    Masked = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActReportChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActReportChecks_ActReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ActReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActReporterContacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Classification = table.Column<int>(type: "integer", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "boolean", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActReporterContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActReporterContacts_AccessLabels_AccessLabelId",
                        column: x => x.AccessLabelId,
                        principalTable: "AccessLabels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ActReporterContacts_ActReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ActReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActReportGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActReportGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActReportGroups_ActReports_RecordId",
                        column: x => x.RecordId,
                        principalTable: "ActReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActReportMessages",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FromReporter = table.Column<bool>(type: "boolean", nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActReportMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActReportMessages_ActReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ActReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActReportPeople",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActReportPeople", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActReportPeople_ActReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ActReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActReportTrail",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    What = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActReportTrail", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActReportTrail_ActReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ActReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActReportVehicles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Registration = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Make = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Colour = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActReportVehicles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActReportVehicles_ActReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "ActReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActReporterContactGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActReporterContactGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActReporterContactGroups_ActReporterContacts_RecordId",
                        column: x => x.RecordId,
                        principalTable: "ActReporterContacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActAttachments_ReportId",
                table: "ActAttachments",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_ActClusterLinks_ReportId_OtherId",
                table: "ActClusterLinks",
                columns: new[] { "ReportId", "OtherId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActDraftFiles_DraftId",
                table: "ActDraftFiles",
                column: "DraftId");

            migrationBuilder.CreateIndex(
                name: "IX_ActDrafts_KeyHash",
                table: "ActDrafts",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActDrafts_UpdatedAt",
                table: "ActDrafts",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ActReportChecks_ReportId",
                table: "ActReportChecks",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_ActReporterContactGroups_RecordId_GroupId",
                table: "ActReporterContactGroups",
                columns: new[] { "RecordId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActReporterContacts_AccessLabelId",
                table: "ActReporterContacts",
                column: "AccessLabelId");

            migrationBuilder.CreateIndex(
                name: "IX_ActReporterContacts_OwningUnitId",
                table: "ActReporterContacts",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ActReporterContacts_ReportId",
                table: "ActReporterContacts",
                column: "ReportId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActReportGroups_RecordId_GroupId",
                table: "ActReportGroups",
                columns: new[] { "RecordId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActReportMessages_ReportId",
                table: "ActReportMessages",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_ActReportPeople_Name_Id",
                table: "ActReportPeople",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ActReportPeople_ReportId",
                table: "ActReportPeople",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_ActReports_AccessLabelId",
                table: "ActReports",
                column: "AccessLabelId");

            migrationBuilder.CreateIndex(
                name: "IX_ActReports_InvestigationId",
                table: "ActReports",
                column: "InvestigationId");

            migrationBuilder.CreateIndex(
                name: "IX_ActReports_OnlineLinkKey_ReceivedAt",
                table: "ActReports",
                columns: new[] { "OnlineLinkKey", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ActReports_OwningUnitId",
                table: "ActReports",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ActReports_OwningUnitId_State_ReceivedAt",
                table: "ActReports",
                columns: new[] { "OwningUnitId", "State", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ActReports_Postcode_ReceivedAt",
                table: "ActReports",
                columns: new[] { "Postcode", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ActReports_Processed",
                table: "ActReports",
                column: "Processed");

            migrationBuilder.CreateIndex(
                name: "IX_ActReports_Reference",
                table: "ActReports",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActReportTrail_ReportId",
                table: "ActReportTrail",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_ActReportVehicles_Registration_Id",
                table: "ActReportVehicles",
                columns: new[] { "Registration", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ActReportVehicles_ReportId",
                table: "ActReportVehicles",
                column: "ReportId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActAttachments");

            migrationBuilder.DropTable(
                name: "ActClusterLinks");

            migrationBuilder.DropTable(
                name: "ActDraftFiles");

            migrationBuilder.DropTable(
                name: "ActReportChecks");

            migrationBuilder.DropTable(
                name: "ActReporterContactGroups");

            migrationBuilder.DropTable(
                name: "ActReportGroups");

            migrationBuilder.DropTable(
                name: "ActReportMessages");

            migrationBuilder.DropTable(
                name: "ActReportPeople");

            migrationBuilder.DropTable(
                name: "ActReportTrail");

            migrationBuilder.DropTable(
                name: "ActReportVehicles");

            migrationBuilder.DropTable(
                name: "ActDrafts");

            migrationBuilder.DropTable(
                name: "ActReporterContacts");

            migrationBuilder.DropTable(
                name: "ActReports");
        }
    }
}
