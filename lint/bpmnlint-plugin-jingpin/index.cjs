module.exports = { configs: { recommended: { rules: {} } } };
