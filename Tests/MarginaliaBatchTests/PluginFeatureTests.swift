import Foundation
import Marginalia
import MarginaliaLua
import MarginaliaTestSupport
import XCTest

/// What plugin examples cannot state: the features of `entity:country` and `un.vote` spans,
/// in English, French and Vietnamese spellings with and without diacritics.
final class PluginFeatureTests: XCTestCase {
    /// The annotations of `plugin` on `text`, run after the plugins it requires.
    private func annotations(of plugin: String, on text: String, language: String = "en") throws -> [Annotation] {
        let host = try PluginHost()
        host.onLog = { _, _ in }
        for name in plugin == "places" ? ["places"] : ["places", plugin] {
            try host.load(path: Repository.path("Plugins/\(name)/\(name).lua"))
        }
        let document = Document(id: "t", text: text, metadata: DocumentMetadata(language: language))
        var found: [Annotation] = []
        for case .success(let output) in host.annotate(document) where output.plugin.name == plugin {
            found = output.annotations
        }
        return found
    }

    private func covered(_ annotation: Annotation, in text: String) -> String {
        let utf8 = Array(text.utf8)
        return annotation.span.map { String(decoding: utf8[$0.byteStart..<$0.byteEnd], as: UTF8.self) } ?? ""
    }

    func testCountriesCarryTheirISOCodeInEveryLanguageAndSpelling() throws {
        let text = "Việt Nam, Viet Nam and vietnamienne; Hanoi voted, Hà Nội said; Moscou estime; the Israeli side."
        let countries = try annotations(of: "places", on: text).filter { $0.label == "entity:country" }
        let codes = countries.map { covered($0, in: text) + "=" + ($0.features.objectValue?["code"]?.stringValue ?? "?") }
        XCTAssertEqual(codes, ["Việt Nam=VN", "Viet Nam=VN", "vietnamienne=VN", "Hanoi=VN", "Hà Nội=VN", "Moscou=RU", "Israeli=IL"])
    }

    func testACapitalAsAPlaceIsNotItsCountry() throws {
        let text = "The talks were held in Hanoi and in Ha Noi."
        let found = try annotations(of: "places", on: text)
        XCTAssertEqual(found.map(\.label), ["entity:capital", "entity:capital"])
        XCTAssertEqual(found.compactMap { $0.features.objectValue?["code"]?.stringValue }, ["VN", "VN"])
    }

    private func votes(_ text: String, language: String = "en") throws -> [[String: JSONValue]] {
        try annotations(of: "un_votes", on: text, language: language).filter { $0.label == "un.vote" }.compactMap(\.features.objectValue)
    }

    func testAVoteStatesVoterBodyPositionSubjectAndYear() throws {
        let found = try votes("In 2016, Viet Nam voted against the resolution on Crimea at the UN General Assembly.")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?["voter"], .string("VN"))
        XCTAssertEqual(found.first?["body"], .string("UNGA"))
        XCTAssertEqual(found.first?["position"], .string("against"))
        XCTAssertEqual(found.first?["year"], .integer(2016))
        XCTAssertEqual(found.first?["subject"], .string("resolution on Crimea at the UN General Assembly"))
    }

    func testAFrenchAbstentionInTheSecurityCouncil() throws {
        let found = try votes("Lors du scrutin au Conseil de sécurité de l'ONU, la Chine s'est abstenue.", language: "fr")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?["voter"], .string("CN"))
        XCTAssertEqual(found.first?["body"], .string("UNSC"))
        XCTAssertEqual(found.first?["position"], .string("abstain"))
    }

    func testTheAuthorOfAResolutionIsNotItsVoter() throws {
        let found = try votes("Hà Nội supported a UN resolution submitted by Israel in 2014.")
        XCTAssertEqual(found.first?["voter"], .string("VN"))
        XCTAssertEqual(found.first?["position"], .string("support"))
        XCTAssertEqual(found.first?["year"], .integer(2014))
    }

    func testACountryNameWinsOverANearerDemonymAsVoter() throws {
        let found = try votes("China, wary of the North Korean program, voted in favor of the UN Security Council resolution.")
        XCTAssertEqual(found.first?["voter"], .string("CN"))
        XCTAssertEqual(found.first?["body"], .string("UNSC"))
        XCTAssertEqual(found.first?["position"], .string("for"))
        // With no country named, the demonym is the voter.
        XCTAssertEqual(try votes("UN resolutions have received Vietnamese support, such as a resolution in 2014.").first?["voter"], .string("VN"))
    }

    func testHabitualAndHypotheticalVotesAreNotVotes() throws {
        XCTAssertEqual(try votes("Every time the US vetoes a Security Council resolution, nothing changes.").count, 0)
        XCTAssertEqual(try votes("Russia keeps vetoing UN Security Council resolutions on Syria.").count, 0)
        XCTAssertEqual(try votes("Moscow threatened to veto the UN Security Council resolution.").count, 0)
    }

    func testNoVoteInFrenchArticlesConflictResolutionOrTheUnitedStates() throws {
        XCTAssertEqual(try votes("Le Parlement a voté un budget pour un nouveau programme.", language: "fr").count, 0)
        XCTAssertEqual(try votes("Vietnam supports peaceful conflict resolution in line with relevant UN resolutions.").count, 0)
        XCTAssertEqual(try votes("The United States voted; United won the cup.").count, 0)
    }
}
