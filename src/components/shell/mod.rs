//! The page's frame and the pieces every area uses: icons, dialogs, menus, the top bar and
//! the keyboard shortcuts.

pub mod confirm;
pub mod dialog;
pub mod drop_overlay;
pub mod icons;
pub mod menu;
pub mod shortcuts;
pub mod topbar;
pub mod undo_notice;
