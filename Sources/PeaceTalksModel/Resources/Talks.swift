import Foundation

/// One round or event of a peace process.
package struct Talks: Hashable, Sendable {
    /// The wire names, in the contract's order.
    package enum CodingKeys: String, CaseIterable {
        case id, name, process, location
        case startDate = "start_date", endDate = "end_date"
        case participants, summary
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    /// Where a round takes place.
    package struct Location: Hashable, Sendable {
        /// The wire names.
        package enum CodingKeys: String, CaseIterable {
            case city, country
        }

        /// The city, e.g. Astana.
        package var city: String?
        /// The ISO 3166-1 alpha-2 country code, e.g. `KZ`.
        package var country: String?

        /// Makes a location.
        package init(city: String?, country: String?) {
            self.city = city
            self.country = country
        }

        /// The JSON form.
        package var jsonValue: JSONValue {
            [CodingKeys.city.rawValue: city.jsonValue, CodingKeys.country.rawValue: country.jsonValue]
        }
    }

    /// The id (`.unassigned` until the store generates one).
    package var id: ResourceID
    /// The name in one or more languages.
    package var name: LocalizedText
    /// The process it belongs to, e.g. `astana`, `geneva`.
    package var process: String?
    /// Where it takes place.
    package var location: Location?
    /// The first day.
    package var startDate: CalendarDate?
    /// The last day, not before `startDate`.
    package var endDate: CalendarDate?
    /// The participants taking part.
    package var participants: [ResourceID]
    /// A summary in one or more languages.
    package var summary: LocalizedText?
    /// Set by the store on create.
    package var createdAt: Date
    /// Set by the store on every change.
    package var updatedAt: Date

    /// Makes a round; the times default to the epoch (the store sets them).
    package init(
        id: ResourceID = .unassigned, name: LocalizedText, process: String? = nil, location: Location? = nil,
        startDate: CalendarDate? = nil, endDate: CalendarDate? = nil, participants: [ResourceID] = [],
        summary: LocalizedText? = nil,
        createdAt: Date = Date(timeIntervalSince1970: 0), updatedAt: Date = Date(timeIntervalSince1970: 0)
    ) {
        self.id = id
        self.name = name
        self.process = process
        self.location = location
        self.startDate = startDate
        self.endDate = endDate
        self.participants = participants
        self.summary = summary
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Decodes and validates a round, reporting every broken rule. `id` is the URL's id, if any.
    package static func decode(
        from value: JSONValue, id: ResourceID? = nil, mode: DecodingMode = .input
    ) -> Result<Talks, ValidationFailure> {
        var reader = FieldReader(value, trustingText: mode == .replay)
        let resolvedID = reader.resourceID(given: id, mode: mode)
        let name = reader.localizedText(CodingKeys.name.rawValue, required: true, maxLength: FieldLimits.shortText)
        let process = reader.string(CodingKeys.process.rawValue, maxLength: FieldLimits.shortText)
        var location: Location?
        if let locationValue = reader.value(CodingKeys.location.rawValue) {
            var locationReader = FieldReader(
                locationValue, path: CodingKeys.location.rawValue, trustingText: mode == .replay)
            let city = locationReader.string(Location.CodingKeys.city.rawValue, maxLength: FieldLimits.shortText)
            let country = locationReader.string(Location.CodingKeys.country.rawValue, maxLength: 2)
            if let country, !CountryCode.isAssigned(country) {
                locationReader.fail(
                    locationReader.path(of: Location.CodingKeys.country.rawValue),
                    "must be an assigned ISO 3166-1 alpha-2 code in upper case, such as KZ")
            }
            locationReader.rejectUnknown(known: Location.CodingKeys.self)
            reader.absorb(locationReader)
            location = Location(city: city, country: country)
        }
        let startDate = reader.date(CodingKeys.startDate.rawValue)
        let endDate = reader.date(CodingKeys.endDate.rawValue)
        if let startDate, let endDate, endDate < startDate {
            reader.fail(CodingKeys.endDate.rawValue, "must not be before start_date (\(startDate))")
        }
        let participants = reader.idList(CodingKeys.participants.rawValue)
        let summary = reader.localizedText(CodingKeys.summary.rawValue, maxLength: FieldLimits.longText)
        let times = reader.serverTimes(mode: mode)
        reader.rejectUnknown(known: CodingKeys.self)
        guard reader.errors.isEmpty, let name else { return .failure(ValidationFailure(reader.errors)) }
        return .success(
            Talks(
                id: resolvedID, name: name, process: process, location: location, startDate: startDate,
                endDate: endDate, participants: participants, summary: summary,
                createdAt: times.created, updatedAt: times.updated))
    }

    /// The JSON form, fields in the contract's order.
    package var jsonValue: JSONValue {
        var object = JSONObject()
        for key in CodingKeys.allCases {
            switch key {
            case .id: object[key.rawValue] = .string(id.rawValue)
            case .name: object[key.rawValue] = name.jsonValue
            case .process: object[key.rawValue] = process.jsonValue
            case .location: object[key.rawValue] = location?.jsonValue ?? .null
            case .startDate: object[key.rawValue] = startDate.jsonValue
            case .endDate: object[key.rawValue] = endDate.jsonValue
            case .participants: object[key.rawValue] = participants.jsonValue
            case .summary: object[key.rawValue] = summary.jsonValue
            case .createdAt: object[key.rawValue] = createdAt.jsonValue
            case .updatedAt: object[key.rawValue] = updatedAt.jsonValue
            }
        }
        return .object(object)
    }
}
