package org.conduit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three ways of printing: text for people, raw JSON documents, one field for scripts. */
class OutputTest {
    private static final List<Output.Column> COLUMNS = List.of(Output.Column.field("ID", "id"),
        Output.Column.field("Display Name", "display_name"), Output.Column.field("Allowed Domains", "allowed_domains"));

    private final StringWriter buffer = new StringWriter();

    private Output output(Output.Format format, String field) {
        return new Output(new PrintWriter(buffer), format, field);
    }

    private static JsonNode gateway(String id, String name) throws Exception {
        return Json.MAPPER.readTree("""
            {"DATA_TYPE": "storage_gateway#1.3.0", "connector_id": "145812c8-decc-41f1-83cf-bb2a85a2a70b",
             "display_name": "%s", "id": "%s", "allowed_domains": ["example.org", "partner.org"],
             "https_url": null, "policies": {"DATA_TYPE": "posix_storage_policies#1.0.0", "groups_deny": ["wheel"]}}
            """.formatted(name, id));
    }

    @Test
    void showPrintsAlignedLabelledFieldsIdAndNameFirstWithoutDataType() throws Exception {
        output(Output.Format.text, null).document(gateway("gw-1", "Lab"));
        assertThat(buffer.toString().lines()).containsExactly(
            "ID:              gw-1",
            "Display Name:    Lab",
            "Connector ID:    145812c8-decc-41f1-83cf-bb2a85a2a70b",
            "Allowed Domains: example.org, partner.org",
            "HTTPS URL:",
            "Policies:        {\"DATA_TYPE\":\"posix_storage_policies#1.0.0\",\"groups_deny\":[\"wheel\"]}");
    }

    @Test
    void listPrintsATableWithAHeaderAndARule() throws Exception {
        output(Output.Format.text, null).documents(List.of(gateway("gw-1", "Lab"), gateway("gw-22", "Archive")),
            COLUMNS);
        assertThat(buffer.toString().lines()).containsExactly(
            "ID    | Display Name | Allowed Domains",
            "----- | ------------ | ------------------------",
            "gw-1  | Lab          | example.org, partner.org",
            "gw-22 | Archive      | example.org, partner.org");
    }

    @Test
    void emptyListStillPrintsTheHeader() {
        output(Output.Format.text, null).documents(List.of(), COLUMNS);
        assertThat(buffer.toString().lines()).hasSize(2).first().asString().startsWith("ID | Display Name");
    }

    @Test
    void jsonFormatPrintsTheRawDocuments() throws Exception {
        JsonNode doc = gateway("gw-1", "Lab");
        output(Output.Format.json, null).document(doc);
        assertThat(Json.MAPPER.readTree(buffer.toString())).isEqualTo(doc);
        buffer.getBuffer().setLength(0);
        output(Output.Format.json, null).documents(List.of(doc, doc), COLUMNS);
        JsonNode array = Json.MAPPER.readTree(buffer.toString());
        assertThat(array.isArray()).isTrue();
        assertThat(array).containsExactly(doc, doc);
    }

    @Test
    void fieldPrintsOneValuePerDocumentIncludingNestedPaths() throws Exception {
        output(Output.Format.text, "id").documents(List.of(gateway("gw-1", "a"), gateway("gw-2", "b")), COLUMNS);
        assertThat(buffer.toString().lines()).containsExactly("gw-1", "gw-2");
        buffer.getBuffer().setLength(0);
        output(Output.Format.text, "policies.groups_deny.0").document(gateway("gw-1", "a"));
        assertThat(buffer.toString()).isEqualTo("wheel\n");
        buffer.getBuffer().setLength(0);
        output(Output.Format.json, "allowed_domains").document(gateway("gw-1", "a"));
        assertThat(buffer.toString()).isEqualTo("[\"example.org\",\"partner.org\"]\n");
    }

    @Test
    void unknownFieldIsAUsageErrorListingTheFieldsThereAre() {
        assertThatThrownBy(() -> output(Output.Format.text, "colour").document(gateway("gw-1", "a")))
            .isInstanceOf(UsageError.class)
            .hasMessageContaining("no field 'colour'")
            .hasMessageContaining("display_name, connector_id");
    }

    @Test
    void deletePrintsASentenceOrTheResultEnvelope() throws Exception {
        JsonNode envelope = Json.MAPPER.readTree("{\"DATA_TYPE\": \"result#1.1.0\", \"code\": \"success\", \"data\": []}");
        output(Output.Format.text, null).done("Deleted collection c-1", envelope);
        assertThat(buffer.toString()).isEqualTo("Deleted collection c-1\n");
        buffer.getBuffer().setLength(0);
        output(Output.Format.json, null).done("Deleted collection c-1", envelope);
        assertThat(Json.MAPPER.readTree(buffer.toString())).isEqualTo(envelope);
    }

    @Test
    void labelsSpellAcronymsInCapitals() {
        assertThat(Output.label("gcs_manager_url")).isEqualTo("GCS Manager URL");
        assertThat(Output.label("require_mfa")).isEqualTo("Require MFA");
        assertThat(Output.label("collection_base_path")).isEqualTo("Collection Base Path");
    }
}
