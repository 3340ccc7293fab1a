//! The composer's controls as a closed set: every parameter Runware can name in an error
//! maps to one of them, and each has one place in the page where its message shows.

/// A control of the composer that a validation or server message can belong to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Control {
    Prompt,
    References,
    Size,
    Results,
    OutputType,
    OutputFormat,
    Quality,
    Delivery,
    Ttl,
    Webhook,
    UploadEndpoint,
    IncludeCost,
    Safety,
    /// Anything Runware names that has no control of its own: shown by Generate.
    Generate,
}

impl Control {
    pub const ALL: [Control; 14] = [
        Control::Prompt,
        Control::References,
        Control::Size,
        Control::Results,
        Control::OutputType,
        Control::OutputFormat,
        Control::Quality,
        Control::Delivery,
        Control::Ttl,
        Control::Webhook,
        Control::UploadEndpoint,
        Control::IncludeCost,
        Control::Safety,
        Control::Generate,
    ];

    /// The element id of the control (or of its group); its message is `<id>-error`.
    pub fn id(self) -> &'static str {
        match self {
            Control::Prompt => "prompt",
            Control::References => "references",
            Control::Size => "size",
            Control::Results => "results",
            Control::OutputType => "output-type",
            Control::OutputFormat => "output-format",
            Control::Quality => "quality",
            Control::Delivery => "delivery",
            Control::Ttl => "ttl",
            Control::Webhook => "webhook",
            Control::UploadEndpoint => "upload-endpoint",
            Control::IncludeCost => "include-cost",
            Control::Safety => "safety",
            Control::Generate => "generate",
        }
    }

    /// The id of this control's message element.
    pub fn message_id(self) -> String {
        format!("{}-error", self.id())
    }

    /// The control a Runware parameter path belongs to (`inputs.referenceImages[2]` is the
    /// references); unknown parameters belong to Generate.
    pub fn for_parameter(parameter: &str) -> Control {
        match parameter {
            "positivePrompt" => Control::Prompt,
            "width" | "height" | "resolution" => Control::Size,
            p if p.starts_with("inputs") || p.starts_with("referenceImages") => Control::References,
            "numberResults" => Control::Results,
            "outputType" => Control::OutputType,
            "outputFormat" => Control::OutputFormat,
            "outputQuality" => Control::Quality,
            "deliveryMethod" => Control::Delivery,
            "ttl" => Control::Ttl,
            "webhookURL" => Control::Webhook,
            "uploadEndpoint" => Control::UploadEndpoint,
            "includeCost" => Control::IncludeCost,
            p if p.starts_with("safety") => Control::Safety,
            _ => Control::Generate,
        }
    }

    /// Whether the control sits under the composer's "Advanced" section (opened when one of
    /// them has a message, so the message is never hidden).
    pub fn is_advanced(self) -> bool {
        matches!(
            self,
            Control::OutputType
                | Control::Delivery
                | Control::Ttl
                | Control::Webhook
                | Control::UploadEndpoint
                | Control::IncludeCost
                | Control::Safety
        )
    }
}
