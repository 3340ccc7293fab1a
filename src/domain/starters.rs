//! The provider page's four examples, as starter cards on an empty page: each fills the
//! composer (prompt, size and references) so a first job is one click and Generate away.

use super::form::{Form, SizeChoice};
use runware::{Aspect, Resolution, Size};

/// One example of the model page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Starter {
    pub title: &'static str,
    /// What it shows off, in a few words.
    pub blurb: &'static str,
    pub prompt: &'static str,
    pub aspect: Aspect,
    pub references: &'static [&'static str],
}

impl Starter {
    /// The composer's form for this example (every other option as the composer's default).
    pub fn form(&self) -> Form {
        Form {
            prompt: self.prompt.to_owned(),
            size: SizeChoice::Fixed(Size::new(self.aspect, Resolution::K1)),
            ..Form::default()
        }
    }
}

pub const STARTERS: [Starter; 4] = [
    Starter {
        title: "Ivory Automaton Tailor Studio",
        blurb: "Text to image, 3:2",
        prompt: "An elegant ivory-faced automaton tailor in a velvet waistcoat stands in a narrow couture studio filled with suspended measuring tapes, pinned fabric swatches, carved mannequins, and half-finished ceremonial garments. Behind the character, tall arched windows reveal a foggy canal city with hanging laundry bridges and distant copper spires. The automaton has porcelain hands, subtle brass joints, a calm expression, and a magnifying monocle flipped upward. Composition: three-quarter portrait, subject slightly left of center, worktable in foreground with scissors, chalk, and folded embroidered cloth, layered depth from foreground tools to background city view. Style: lavish cinematic fashion editorial mixed with old-world mechanical elegance, intricate textures, soft directional morning light, muted jewel tones, crisp facial detail, precise garment stitching, polished metallic accents, atmospheric depth, highly controlled framing, premium image quality.",
        aspect: Aspect::Landscape3x2,
        references: &[],
    },
    Starter {
        title: "Volcanic Choir Procession Portrait",
        blurb: "Three references: portrait, costume, landscape",
        prompt: "Using the three reference images, create a cinematic wide portrait of the singer transformed into the lead figure of a solemn volcanic choir procession. Preserve the facial identity, hair shape, and pose direction from the portrait reference. Integrate the ceremonial garment design from the costume reference with high fidelity, including the feathered collar, layered textiles, embroidered hems, and brass ornamentation. Place the subject in the basalt canyon environment from the landscape reference, with lava fissures casting warm underlight, drifting ash, smoke, ember particles, and towering stone columns receding into depth. Add a line of similarly dressed background choristers carrying long banners and resonant metal instruments, arranged with clear depth separation. Tone is sacred, severe, and grand. Ultra-detailed textures, controlled composition, sharp subject focus, realistic skin, atmospheric perspective, dramatic rim lighting, high visual continuity across references.",
        aspect: Aspect::Landscape3x2,
        references: &["https://assets.runware.ai/assets/inputs/374c77e2-35a2-4583-a495-bd3cb7a13a2f.jpg", "https://assets.runware.ai/assets/inputs/e10047ab-e834-46f2-a187-c4f4b552555c.jpg", "https://assets.runware.ai/assets/inputs/aa587494-14fe-4e10-be2a-536ab9fd7ca4.jpg"],
    },
    Starter {
        title: "Velvet Canopy Duelists",
        blurb: "Text to image, 16:9",
        prompt: "Two rival duelists facing each other on a narrow suspended walkway woven through colossal crimson tree canopies, one wearing lacquered jade armor with flowing cream sashes, the other in deep plum layered robes with bronze feathered shoulder pieces, both clearly visible in full figure with distinct silhouettes and balanced spacing. Below them, a vast abyss filled with drifting pollen, hanging lantern insects, and distant woven nest dwellings tucked into giant branches. Dynamic low-angle cinematic composition, sweeping depth, detailed textiles, ornate weapon design, tension before the first strike, painterly fantasy realism, refined color contrast of jade, plum, amber, and bark-red, atmospheric haze, sharp focal detail on the characters, highly controlled anatomy, elegant environmental storytelling, premium lighting, dramatic yet readable scene.",
        aspect: Aspect::Landscape16x9,
        references: &[],
    },
    Starter {
        title: "Gilded Archive Reading Nook",
        blurb: "One reference: keep the room, change the style",
        prompt: "Transform the reference interior into an opulent old-world reading nook while preserving the core room structure and camera angle: carved walnut shelving packed with weathered books, a deep emerald armchair with brass nailhead trim, scattered parchment sheets, a celestial floor globe, embroidered cushions, a polished side table with an antique magnifier, warm amber lamp glow mixing with daylight from the arched window, intricate patterned rug, dust motes in the air, layered textures, cinematic interior photography, highly detailed, elegant, immersive, refined color grading",
        aspect: Aspect::Landscape3x2,
        references: &["https://assets.runware.ai/assets/inputs/cbbbf8c6-2a10-4e81-8296-4024e322bf33.jpg"],
    },
];
