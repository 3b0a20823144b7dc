extension PluginOutput {
    /// `outputs` of one document with each of `annotations` appended to the output of its
    /// plugin version. An annotation whose plugin version has no output row (an older version
    /// of the same name, replaced since) is carried over as an output of its own, with empty
    /// params, so copying a store loses nothing. Both stores read outputs back this way.
    ///
    /// ```swift
    /// let whole = PluginOutput.attaching(annotations, to: outputRows, of: document)
    /// ```
    public static func attaching(_ annotations: some Sequence<Annotation>, to outputs: [PluginOutput],
                                 of document: Document) -> [PluginOutput] {
        var outputs = outputs
        var position: [PluginIdentity: Int] = [:]
        for (index, output) in outputs.enumerated() { position[output.plugin] = index }
        for annotation in annotations {
            if let index = position[annotation.plugin] {
                outputs[index].annotations.append(annotation)
            } else {
                position[annotation.plugin] = outputs.count
                outputs.append(PluginOutput(documentID: document.id, textSHA256: document.textSHA256,
                                            plugin: annotation.plugin, paramsSHA256: "", annotations: [annotation]))
            }
        }
        return outputs
    }
}
