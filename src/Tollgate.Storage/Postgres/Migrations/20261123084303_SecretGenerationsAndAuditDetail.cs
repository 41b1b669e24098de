using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tollgate.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    internal partial class SecretGenerationsAndAuditDetail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SecretGeneration",
                table: "credentials",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Detail",
                table: "audit_events",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SecretGeneration",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "Detail",
                table: "audit_events");
        }
    }
}
