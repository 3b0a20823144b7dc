import Marginalia

/// `marginalia.features(table)`: a features table converted into the host's form once, for
/// the many `doc:annotate` calls that give the same features (a gazetteer entry, at each of
/// its mentions). Converting a table of three strings costs about 5,000 instructions, taking
/// a handle's value a few hundred.
extension HostContext {
    /// marginalia.features{ name = value, … } → a handle (userdata) to pass as `features`.
    func makeFeatures() -> Int32 {
        guard lua.type(at: 1) == .table || featuresHandle(at: 1) != nil else {
            return fail("marginalia.features: expected a table of name = value, got \(lua.typeName(at: 1))")
        }
        guard let value = features(at: 1, function: "marginalia.features") else { return -1 }
        let bytes = HostFootprint.featureHandle + HostFootprint.heapBytes(of: value)
        guard fitsAfterCollecting(bytes) else { return refuseForMemory("marginalia.features: a table of \(Self.megabytes(bytes))") }
        let slot = featureHandles.add(value, bytes: bytes)
        lua.chargeHost(bytes)
        lua.pushHandle(slot: slot, metatable: featuresMetatableRef)
        return 1
    }

    /// The finalizer of features userdata (`__gc`): frees its slot and gives its bytes back.
    func releaseFeatures() -> Int32 {
        guard let slot = lua.takeHandleSlot(at: 1) else { return 0 }
        if let bytes = featureHandles.remove(slot: slot) { lua.releaseHost(bytes) }
        return 0
    }

    /// The value of the features handle at `index`; nil when the value there is not one.
    func featuresHandle(at index: Int32) -> JSONValue? {
        guard lua.type(at: index) == .userdata else { return nil }
        let absolute = lua.absolute(index)
        guard lua.pushMetatable(of: absolute) else { return nil }
        lua.push(reference: featuresMetatableRef)
        let isHandle = lua.rawEqual(-1, -2)
        lua.pop(2)
        guard isHandle, let slot = lua.userdataValue(at: absolute) else { return nil }
        return featureHandles.value(inSlot: slot)
    }
}
