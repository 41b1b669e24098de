using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tollgate.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    internal partial class SecretLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExpiresAt",
                table: "credentials",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PreviousHashVersion",
                table: "credentials",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<byte[]>(
                name: "PreviousSecretHash",
                table: "credentials",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PreviousSecretLastUsedAt",
                table: "credentials",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PreviousSecretUntil",
                table: "credentials",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExpiresAt",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "PreviousHashVersion",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "PreviousSecretHash",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "PreviousSecretLastUsedAt",
                table: "credentials");

            migrationBuilder.DropColumn(
                name: "PreviousSecretUntil",
                table: "credentials");
        }
    }
}
